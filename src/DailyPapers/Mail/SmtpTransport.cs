using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DailyPapers.Mail;

/// <summary>
/// SMTP through MailKit, one connection for a run of messages (connected on the first message,
/// reconnected after a failure). 5xx replies are permanent (<see cref="PermanentDeliveryException"/>;
/// at RCPT the address bounces); anything else (4xx, refused connections, timeouts, a dropped
/// connection) is transient and leaves the message for a later attempt.
/// </summary>
public sealed class SmtpTransport(SmtpSettings settings) : IMailTransport
{
    private readonly SmtpClient _client = new() { Timeout = (int)settings.Timeout.TotalMilliseconds };

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (!_client.IsConnected)
            {
                await ConnectAsync(cancellationToken);
                if (!string.IsNullOrEmpty(settings.User))
                {
                    await _client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
                }
            }
            await _client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException failure) when ((int)failure.StatusCode >= 500)
        {
            // The session is still usable after a refused command; the next message goes on it.
            throw new PermanentDeliveryException($"SMTP {(int)failure.StatusCode}: {failure.Message}",
                recipientRejected: failure.ErrorCode == SmtpErrorCode.RecipientNotAccepted, failure);
        }
        catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or IOException or SocketException
            or TimeoutException or ServiceNotConnectedException or AuthenticationException)
        {
            await DisconnectQuietlyAsync();
            throw;
        }
    }

    /// <summary>
    /// Connects on a socket of our own with Nagle's algorithm off: without pipelining every SMTP
    /// command waits for its reply, and the small final write of each message otherwise sits
    /// behind the server's delayed ACK (~40 ms a message, capping a run at ~25 messages a second).
    /// </summary>
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var host = settings.Host ?? "localhost";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, settings.Port, cancellationToken);
            await _client.ConnectAsync(socket, host, settings.Port, Security(settings.Security), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Security(string security) => security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            await _client.DisconnectAsync(quit: false);
        }
        catch (Exception failure) when (failure is IOException or SocketException or SmtpProtocolException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception failure) when (failure is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
            {
                // The messages are sent; a failed QUIT loses nothing.
            }
        }
        _client.Dispose();
    }
}
