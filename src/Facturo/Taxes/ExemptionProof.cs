namespace Facturo.Taxes;

/// <summary>The scanned proof of an exemption: a PDF, JPEG or PNG of 5 MB at most, known by its first bytes, not by its name.</summary>
public static class ExemptionProof
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly (byte[] Signature, string ContentType)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
    ];

    /// <summary>The content type the file's first bytes announce, or null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content)
    {
        foreach (var (signature, contentType) in Signatures)
        {
            if (content.StartsWith(signature))
            {
                return contentType;
            }
        }
        return null;
    }
}
