using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using MimeKit;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the mail tests: smtp4dev (a dotnet tool in the repository's manifest,
/// restored here if needed) on free loopback ports, with its own config folder and a database file
/// that survives a stop and restart (the outage test). Messages are read back through its HTTP API.
/// One per test class (<c>IClassFixture&lt;Smtp4dev&gt;</c>); tests tell their messages apart by recipient.
/// </summary>
public sealed class Smtp4dev : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dailypapers-smtp4dev-").FullName;
    private readonly int _webPort = FreePort();
    private Process? _process;

    public int SmtpPort { get; } = FreePort();

    public HttpClient Api { get; private set; } = new();

    /// <summary>Settings that point the app's SMTP transport here.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["Mail:Transport"] = "smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "none",
        ["Mail:Smtp:Timeout"] = "00:00:10",
    };

    public async ValueTask InitializeAsync()
    {
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_webPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        await RunToolRestoreAsync();
        await StartAsync();
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "tool", "run", "smtp4dev", "--",
            $"--urls=http://127.0.0.1:{_webPort}", "--bindaddress=127.0.0.1", $"--smtpport={SmtpPort}",
            $"--imapport={FreePort()}", $"--pop3port={FreePort()}", $"--db={Path.Combine(_folder, "messages.db")}",
            "--nousersettings", "--hostname=localhost", "--messagestokeep=100000", "--sessionstokeep=10",
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["XDG_CONFIG_HOME"] = _folder;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {_process.ExitCode} while starting");
            }
            try
            {
                using var response = await Api.GetAsync("api/server");
                if (response.IsSuccessStatusCode && await SmtpAnswersAsync())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("smtp4dev did not start within 60 s");
    }

    /// <summary>SIGKILL, as when the mail server goes away mid-run.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async Task<List<ReceivedMessage>> MessagesAsync()
    {
        var page = await Api.GetFromJsonAsync<MessagePage>("api/messages?pageSize=100000");
        return page!.Results;
    }

    /// <summary>The messages to one recipient, parsed from their raw text (/api/messages/{id}/raw; /source is only the body).</summary>
    public async Task<List<MimeMessage>> MessagesToAsync(string recipient)
    {
        var found = new List<MimeMessage>();
        foreach (var message in (await MessagesAsync()).Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase)))
        {
            found.Add(await SourceAsync(message.Id));
        }
        return found;
    }

    public async Task<MimeMessage> SourceAsync(string id)
    {
        await using var source = await Api.GetStreamAsync($"api/messages/{id}/raw");
        var buffer = new MemoryStream();
        await source.CopyToAsync(buffer);
        buffer.Position = 0;
        return await MimeMessage.LoadAsync(buffer);
    }

    /// <summary>Waits until <paramref name="recipient"/> has at least <paramref name="count"/> messages.</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string recipient, int count = 1)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var messages = await MessagesToAsync(recipient);
            if (messages.Count >= count || started.Elapsed > TimeSpan.FromSeconds(30))
            {
                return messages;
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Api.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>On a fresh machine the tool is not restored yet; restoring is a no-op once it is.</summary>
    private static async Task RunToolRestoreAsync()
    {
        var start = new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        using var restore = Process.Start(start)!;
        var output = restore.StandardOutput.ReadToEndAsync();
        var errors = await restore.StandardError.ReadToEndAsync();
        await restore.WaitForExitAsync();
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed ({restore.ExitCode}): {errors}{await output}");
        }
    }

    /// <summary>The folder with the tool manifest (dotnet-tools.json), above the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "dotnet-tools.json")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("dotnet-tools.json not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record ReceivedMessage(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("to")] List<string> To,
        [property: JsonPropertyName("subject")] string Subject);

    private sealed record MessagePage([property: JsonPropertyName("results")] List<ReceivedMessage> Results);
}
