using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A TCP relay on loopback in front of an SMTP server, to make the server go away and come back
/// without touching it: <see cref="Cut"/> drops every open connection and refuses new ones,
/// <see cref="Restore"/> listens again on the same port. Killing smtp4dev itself for that loses
/// messages it has already acknowledged (it stores them after answering 250), which would blame
/// the sender for the server's loss.
/// </summary>
public sealed class SmtpRelay : IAsyncDisposable
{
    private readonly int _target;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private TcpListener _listener;
    private Task _accepting;

    public SmtpRelay(int targetPort)
    {
        _target = targetPort;
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_listener);
    }

    public int Port { get; }

    public void Cut()
    {
        _listener.Stop();
        foreach (var client in _open.Keys)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
        }
        _open.Clear();
    }

    public void Restore()
    {
        _listener = Listen(Port);
        _accepting = AcceptAsync(_listener);
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception stopped) when (stopped is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(inbound));
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        _open[inbound] = 0;
        _open[outbound] = 0;
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _target);
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream());
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream());
            await Task.WhenAny(a, b);
        }
        catch (Exception gone) when (gone is IOException or SocketException or ObjectDisposedException)
        {
            // Cut, or one side closed.
        }
        finally
        {
            _open.TryRemove(inbound, out _);
            _open.TryRemove(outbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
    }
}
