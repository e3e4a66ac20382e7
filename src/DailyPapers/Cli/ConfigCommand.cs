using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DailyPapers.Data;
using DailyPapers.Ingest;
using DailyPapers.Mail;
using DailyPapers.Search;
using DailyPapers.Web;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers config</c>: the effective configuration, every setting with the value this node would
/// use (configured or default), one <c>Section:Name = value</c> per line, secrets masked. Reads the
/// same sources as the site (appsettings, environment, command line); touches no database.
/// </summary>
public static partial class ConfigCommand
{
    /// <summary>The settings sections and the option classes they bind to; a new options class is one more line.</summary>
    private static readonly (string Section, Type Options)[] Sections =
    [
        (DatabaseOptions.Section, typeof(DatabaseOptions)),
        (SiteOptions.Section, typeof(SiteOptions)),
        (CatalogOptions.Section, typeof(CatalogOptions)),
        (DemoDataOptions.Section, typeof(DemoDataOptions)),
        (HarvestOptions.Section, typeof(HarvestOptions)),
        (SearchOptions.Section, typeof(SearchOptions)),
        (MailOptions.Section, typeof(MailOptions)),
        (Health.HealthOptions.Section, typeof(Health.HealthOptions)),
    ];

    public const string Masked = "***";

    public static Command Create()
    {
        var command = new Command("config", "Print the effective configuration (secrets masked).");
        command.SetAction(parse =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = parse.GetValue(CliCommands.DataOption) is { } data ? ["--data", data] : [],
                ContentRootPath = AppContext.BaseDirectory,
            });
            foreach (var line in Lines(builder.Configuration))
            {
                Console.WriteLine(line);
            }
            return 0;
        });
        return command;
    }

    public static IEnumerable<string> Lines(IConfiguration configuration)
    {
        yield return "data directory = " + DataDirectory.From(configuration).Path;
        yield return "AllowedHosts = " + (configuration["AllowedHosts"] ?? "*");
        foreach (var (section, type) in Sections)
        {
            var options = Activator.CreateInstance(type)!;
            configuration.GetSection(section).Bind(options);
            foreach (var line in Settings(section, options, depth: 0))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> Settings(string prefix, object options, int depth)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var name = prefix + ":" + property.Name;
            var value = property.GetValue(options);
            if (value is not null && IsNested(property.PropertyType) && depth < 3)
            {
                foreach (var line in Settings(name, value, depth + 1))
                {
                    yield return line;
                }
                continue;
            }
            yield return name + " = " + Show(property.Name, value);
        }
    }

    // Option classes nest (Search:Vectors); everything else prints as one value.
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static string Show(string name, object? value)
    {
        var text = value switch
        {
            null => "(unset)",
            string s => s,
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IEnumerable list => string.Join(", ", list.Cast<object?>().Select(item => Convert.ToString(item, CultureInfo.InvariantCulture))),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (value is null)
        {
            return text;
        }
        if (SecretName().IsMatch(name))
        {
            return text.Length == 0 ? "" : Masked;
        }
        // Connection strings and URLs may carry a password inside them.
        return UserInfo().Replace(PasswordPair().Replace(text, "$1" + Masked), "$1" + Masked + "@");
    }

    [GeneratedRegex("(password|secret|token|apikey|privatekey)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"((?:^|;)\s*(?:password|pwd)\s*=)[^;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPair();

    [GeneratedRegex(@"(://[^/:@]+:)[^/@]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
