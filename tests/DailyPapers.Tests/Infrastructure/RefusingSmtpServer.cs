using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP server on loopback that refuses some recipients, for the replies smtp4dev never
/// gives: a recipient containing "bounce" gets 550 at RCPT (permanent), one containing "busy" gets
/// 451 (try later). Everything else is accepted and counted.
/// </summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public RefusingSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public Dictionary<string, string?> AppSettings() => new()
    {
        ["Mail:Transport"] = "smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "none",
    };

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ready");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO" or "MAIL" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "RCPT" when line.Contains("bounce", StringComparison.OrdinalIgnoreCase):
                        await writer.WriteLineAsync("550 5.1.1 no such mailbox");
                        break;
                    case "RCPT" when line.Contains("busy", StringComparison.OrdinalIgnoreCase):
                        await writer.WriteLineAsync("451 4.3.0 mailbox busy, try later");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                        }
                        Interlocked.Increment(ref _accepted);
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 not implemented");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
