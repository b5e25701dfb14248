using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Facturo.Payments;

/// <summary>
/// A real OpenSSH server (Debian's openssh-server) on 127.0.0.1 playing the bank: run as the current user on a free port, with
/// a host key and a client key made for the test, and a temporary folder as the root of the bank's folders. Stopped and
/// started again on the same port to play an outage.
/// </summary>
public sealed class SftpTestServer : IAsyncDisposable
{
    public const string Sshd = "/usr/sbin/sshd";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "facturo-tests", $"sftp-{Guid.NewGuid():N}");
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Root => Path.Combine(_folder, "bank");
    public string Outgoing => Path.Combine(Root, "outgoing");
    public string Returns => Path.Combine(Root, "returns");
    public string Remittances => Path.Combine(Root, "remittances");
    public string ClientKey => Path.Combine(_folder, "client_key");
    /// <summary>The bank's host key as ssh-keygen -lf prints it, whole line: what an operator pastes into the setting.</summary>
    public string HostKeyFingerprint { get; private set; } = "";
    /// <summary>Another key, as a server in the middle would present.</summary>
    public string OtherFingerprint { get; private set; } = "";

    /// <summary>Without sshd a developer's machine skips the SFTP tests; CI installs it and must run them.</summary>
    public static bool Available => File.Exists(Sshd) || Environment.GetEnvironmentVariable("CI") == "true";

    public static string SkipReason => $"{Sshd} is absent: install Debian's openssh-server to run the SFTP tests (CI does).";

    /// <summary>Keys and configuration made at once, so the host's settings can name the pinned key before it starts.</summary>
    public SftpTestServer() => Prepare();

    /// <summary>Starts the bank's server; with <paramref name="presentingAnotherKey"/>, a server in the middle that shows another host key.</summary>
    public async Task StartAsync(bool presentingAnotherKey = false)
    {
        if (Environment.UserName == "root")
        {
            // As root, sshd insists on its privilege separation folder, which Debian creates only when the service runs.
            Directory.CreateDirectory("/run/sshd");
        }
        var start = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var hostKey = Path.Combine(_folder, presentingAnotherKey ? "other_host_key" : "host_key");
        foreach (var argument in new[] { "-D", "-e", "-f", Path.Combine(_folder, "sshd_config"), "-o", $"HostKey={hostKey}" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        for (var wait = 0; wait < 100; wait++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sshd did not start on port {Port}: {await _process.StandardError.ReadToEndAsync()}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"sshd did not listen on port {Port} within 5 s.");
    }

    /// <summary>Kills the server: connections to its port are refused until it starts again.</summary>
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

    /// <summary>The settings Facturo needs to reach this bank, as command-line arguments.</summary>
    public IEnumerable<string> HostArgs(string? fingerprint = null) =>
    [
        "--Facturo:Bank:Sftp:Host=127.0.0.1",
        $"--Facturo:Bank:Sftp:Port={Port}",
        $"--Facturo:Bank:Sftp:Username={Environment.UserName}",
        $"--Facturo:Bank:Sftp:PrivateKeyPath={ClientKey}",
        $"--Facturo:Bank:Sftp:HostKeyFingerprint={fingerprint ?? HostKeyFingerprint}",
        $"--Facturo:Bank:Sftp:OutgoingFolder={Outgoing}",
        $"--Facturo:Bank:Sftp:ReturnsFolder={Returns}",
        $"--Facturo:Bank:Sftp:RemittancesFolder={Remittances}",
        "--Facturo:Bank:Sftp:Schedule=",
        "--Facturo:Bank:Sftp:Timeout=00:00:10",
    ];

    private void Prepare()
    {
        foreach (var folder in new[] { Outgoing, Returns, Remittances })
        {
            Directory.CreateDirectory(folder);
        }
        Keygen("-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(_folder, "host_key"));
        Keygen("-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(_folder, "other_host_key"));
        Keygen("-q", "-t", "ed25519", "-N", "", "-f", ClientKey);
        File.Copy(ClientKey + ".pub", Path.Combine(_folder, "authorized_keys"));
        // sshd refuses keys and authorized_keys others can read.
        foreach (var file in Directory.GetFiles(_folder))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        HostKeyFingerprint = Keygen("-l", "-f", Path.Combine(_folder, "host_key.pub"));
        OtherFingerprint = Keygen("-l", "-f", Path.Combine(_folder, "other_host_key.pub"));
        File.WriteAllText(Path.Combine(_folder, "sshd_config"), $"""
            Port {Port}
            ListenAddress 127.0.0.1
            PidFile {Path.Combine(_folder, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(_folder, "authorized_keys")}
            AllowUsers {Environment.UserName}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            LogLevel ERROR
            Subsystem sftp internal-sftp

            """);
    }

    private static string Keygen(params string[] arguments)
    {
        var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"ssh-keygen failed: {process.StandardError.ReadToEnd()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>A test that needs sshd: skipped with the reason on a machine without it, never under CI=true (where it then fails loudly).</summary>
public sealed class SftpFactAttribute : FactAttribute
{
    public SftpFactAttribute()
    {
        if (!SftpTestServer.Available)
        {
            Skip = SftpTestServer.SkipReason;
        }
    }
}
