using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Facturo.Infrastructure;
using MimeKit;

namespace Facturo.Emails;

/// <summary>
/// A real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd, run by smtp-server.py beside this file) that a test
/// stops and starts again on the same port, and tells to refuse a recipient with a 4xx or 5xx reply.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    // Debian's interpreter, where apt installs aiosmtpd; a python3 earlier on the PATH (pyenv) would not have it.
    private const string Python = "/usr/bin/python3";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "facturo-tests", $"smtp-{Guid.NewGuid():N}");
    private Process? _process;

    public int Port { get; } = FreePort();

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_folder);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(RepositoryFolders.Root, "tests", "Facturo.Tests", "Emails", "smtp-server.py"), $"{Port}", _folder })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ready = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready != "ready")
        {
            throw new InvalidOperationException($"The test SMTP server did not start on port {Port}: {await _process.StandardError.ReadToEndAsync(timeout.Token)}");
        }
    }

    /// <summary>Kills the server, as a crash or an outage would: connections to its port are refused until it starts again.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>From now on, the server answers this reply (e.g. "550 5.1.1 No such mailbox") to the recipient instead of accepting it.</summary>
    public void Refuse(string address, string reply)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "refuse"));
        File.WriteAllText(Path.Combine(_folder, "refuse", address.ToLowerInvariant()), reply);
    }

    public void Accept(string address) => File.Delete(Path.Combine(_folder, "refuse", address.ToLowerInvariant()));

    /// <summary>Every message the server accepted so far.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAsync()
    {
        var folder = Path.Combine(_folder, "received");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
