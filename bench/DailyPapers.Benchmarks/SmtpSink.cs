using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>smtp-sink PORT</c>: the least an SMTP server can do on loopback — accept every command and
/// message and throw it away, printing a count now and then — so the sender's own rate can be told
/// apart from the limit of a real server that stores each message.
/// </summary>
internal static class SmtpSink
{
    private static int _messages;

    public static async Task<int> RunAsync(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Console.WriteLine($"smtp-sink listening on 127.0.0.1:{port}; Ctrl+C stops it");
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync();
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private static async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go on");
                        while (await reader.ReadLineAsync() is { } body && body != ".")
                        {
                        }
                        if (Interlocked.Increment(ref _messages) % 1000 == 0)
                        {
                            Console.WriteLine($"{_messages} messages");
                        }
                        await writer.WriteLineAsync("250 kept (not really)");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
    }
}
