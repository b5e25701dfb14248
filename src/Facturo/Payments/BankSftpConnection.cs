using System.Net.Sockets;
using Facturo.Platform;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Facturo.Payments;

/// <summary>The bank could not be reached or was not the bank, as the operator reads it; nothing was exchanged.</summary>
public sealed class BankUnreachableException(UserError error, Exception? inner) : Exception(error.Code, inner)
{
    public UserError Error { get; } = error;
}

/// <summary>
/// An SFTP session with the bank, opened only when the server shows the pinned host key: any other key is someone else,
/// and neither a password nor a debit file is given to them.
/// </summary>
public sealed class BankSftpConnection : IAsyncDisposable
{
    private readonly SftpClient _client;

    private BankSftpConnection(SftpClient client) => _client = client;

    public static async Task<BankSftpConnection> OpenAsync(BankSftpOptions options, CancellationToken cancellationToken)
    {
        var host = $"{options.Host}:{options.Port}";
        if (!HostKeyFingerprint.TryParse(options.HostKeyFingerprint, out var pinned))
        {
            throw new BankUnreachableException(UserError.Validation("bank.sftp-not-configured"), null);
        }
        var methods = new List<AuthenticationMethod>();
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            var key = await File.ReadAllBytesAsync(options.PrivateKeyPath, cancellationToken);
            methods.Add(new PrivateKeyAuthenticationMethod(options.Username!, new PrivateKeyFile(new MemoryStream(key), options.PrivateKeyPassphrase)));
        }
        if (!string.IsNullOrEmpty(options.Password))
        {
            methods.Add(new PasswordAuthenticationMethod(options.Username!, options.Password));
        }
        var client = new SftpClient(new Renci.SshNet.ConnectionInfo(options.Host!, options.Port, options.Username!, [.. methods]) { Timeout = options.Timeout });
        string? presented = null;
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.FingerPrintSHA256;
            e.CanTrust = pinned.Matches(e.FingerPrintSHA256);
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return new BankSftpConnection(client);
        }
        catch (Exception e) when (IsOutage(e))
        {
            client.Dispose();
            if (presented is not null && !pinned.Matches(presented))
            {
                throw new BankUnreachableException(UserError.Validation("bank.sftp-host-key-refused", host, HostKeyFingerprint.Prefix + presented, pinned.ToString()), e);
            }
            throw new BankUnreachableException(UserError.Validation("bank.sftp-failed", host, e.Message), e);
        }
    }

    /// <summary>What the network, the server or the bank's folders can do to an exchange; anything else is a bug and is not caught.</summary>
    public static bool IsOutage(Exception e) => e is SshException or SocketException or IOException or TimeoutException;

    public static string Path(string folder, string name) => $"{folder.TrimEnd('/')}/{name}";

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) => _client.ExistsAsync(path, cancellationToken);

    /// <summary>
    /// Written under a hidden temporary name, then renamed: the bank's pick-up sees the whole file or nothing. A temporary
    /// file left by a run that died is replaced.
    /// </summary>
    public async Task PutAsync(string folder, string name, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = Path(folder, $".{name}.part");
        if (await _client.ExistsAsync(temporary, cancellationToken))
        {
            await _client.DeleteFileAsync(temporary, cancellationToken);
        }
        await using (var stream = new MemoryStream(content, writable: false))
        {
            await _client.UploadFileAsync(stream, temporary, cancellationToken);
        }
        await _client.RenameFileAsync(temporary, Path(folder, name), cancellationToken);
    }

    /// <summary>The bank's files in a folder, skipping hidden ones: the bank's own files being written, by the same convention as ours.</summary>
    public async Task<IReadOnlyList<(string Name, long Size, DateTimeOffset ModifiedAt)>> ListAsync(string folder, CancellationToken cancellationToken)
    {
        var files = new List<(string, long, DateTimeOffset)>();
        await foreach (var file in _client.ListDirectoryAsync(folder, cancellationToken))
        {
            if (file.IsRegularFile && !file.Name.StartsWith('.'))
            {
                files.Add((file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
            }
        }
        return [.. files.OrderBy(f => f.Item3).ThenBy(f => f.Item1, StringComparer.Ordinal)];
    }

    public async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await _client.DownloadFileAsync(path, content, cancellationToken);
        return content.ToArray();
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => _client.DeleteFileAsync(path, cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            _client.Disconnect();
        }
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
