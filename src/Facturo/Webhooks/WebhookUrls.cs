using System.Net;
using System.Net.Sockets;
using Facturo.Platform;

namespace Facturo.Webhooks;

/// <summary>
/// Which URLs a webhook may be sent to. In Production: https only, and never to a loopback, private, link-local or
/// otherwise internal address, so that a key holder cannot make Facturo call into the biller's own network (SSRF);
/// the address is checked again when connecting (<see cref="RefuseInternalAsync"/>), since a name may resolve
/// elsewhere later. Elsewhere (Development, Test), http to the loopback address is allowed for local receivers.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 500;

    public static UserError? Refusal(string? url, bool production)
    {
        var text = url?.Trim() ?? "";
        if (text.Length is 0 or > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return UserError.Validation("webhooks.url-invalid", text);
        }
        var localHttp = !production && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        if (uri.Scheme != Uri.UriSchemeHttps && !localHttp)
        {
            return UserError.Validation("webhooks.url-not-https", text);
        }
        if (production && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsInternal(address)) || IsInternalName(uri.DnsSafeHost)))
        {
            return UserError.Validation("webhooks.url-internal", text);
        }
        return null;
    }

    /// <summary>Loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10: cloud metadata), carrier-grade NAT, unspecified.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast)
        {
            return true;
        }
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        return b[0] is 10 or 0 || b[0] >= 224 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    private static bool IsInternalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || !host.Contains('.');

    /// <summary>The sender's connect step in Production: resolves the name and refuses to connect to an internal address.</summary>
    public static async ValueTask<Stream> RefuseInternalAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => !IsInternal(a)).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to an internal address; webhooks are not sent there.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
