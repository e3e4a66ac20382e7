using DailyPapers.Web;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

public static class MailSetup
{
    /// <summary>Subscriptions, signed links, the outbox sender and its transports (used by the site and the CLI).</summary>
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>()
            .Bind(builder.Configuration.GetSection(MailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(options => MimeKit.MailboxAddress.TryParse(options.From, out _), "Mail:From is not an email address.")
            .Validate(options => !options.UsesSmtp || !string.IsNullOrWhiteSpace(options.Smtp.Host), "Mail:Smtp:Host is required when Mail:Transport is smtp.")
            .ValidateOnStart();
        if (!builder.Services.Any(service => service.ServiceType == typeof(IValidateOptions<SiteOptions>)))
        {
            // The CLI has no web shell; links in emails still need the public address.
            builder.AddSiteOptions();
        }
        builder.Services.AddSingleton<SiteSecrets>();
        builder.Services.AddSingleton<SignedLinks>();
        builder.Services.AddSingleton<MailLinks>();
        builder.Services.AddSingleton<MailTransports>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddScoped<Subscribing>();
        builder.Services.AddScoped<DigestComposer>();
        builder.Services.AddScoped<DigestWriter>();
        builder.Services.AddScoped<DigestComposition>();
        return builder;
    }

    /// <summary>The site's part: the background sender and the per-client rate limit on subscribing.</summary>
    public static IHostApplicationBuilder AddMailPages(this IHostApplicationBuilder builder)
    {
        builder.AddMail();
        builder.Services.AddHostedService<OutboxSenderJob>();
        builder.Services.AddSingleton<DigestComposeJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DigestComposeJob>());
        builder.Services.AddSingleton<SubscribeLimits>();
        var perMinute = builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>()?.SubscribesPerClientPerMinute ?? new MailOptions().SubscribesPerClientPerMinute;
        builder.Services.AddRateLimiter(limiter => SubscribeLimits.AddClientPolicy(limiter, perMinute));
        return builder;
    }

    public static WebApplication MapMail(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapSubscriptionPages();
        app.MapPreferencesPages();
        return app;
    }
}
