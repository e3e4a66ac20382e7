namespace DailyPapers.Comments;

public static class CommentSetup
{
    public static IHostApplicationBuilder AddComments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommentOptions>().Bind(builder.Configuration.GetSection(CommentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Commenting>();
        builder.Services.AddScoped<CommentEmails>();
        return builder;
    }
}
