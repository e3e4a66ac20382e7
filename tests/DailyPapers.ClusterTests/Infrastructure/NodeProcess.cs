using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>One more node of the published build outside the proxy, with settings of the test's choosing (the restored database's).</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static async Task<NodeProcess> StartAsync(string app, string dataDirectory, Dictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(app, "dailypapers")) { WorkingDirectory = dataDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DemoData__Enabled"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WithinAsync(TimeSpan.FromSeconds(90), async () =>
        {
            Assert.False(process.HasExited, $"the node exited with {(process.HasExited ? process.ExitCode : 0)} while starting");
            try
            {
                return (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the extra node's /healthz");
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
