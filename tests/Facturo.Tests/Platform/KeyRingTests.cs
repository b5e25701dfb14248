using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Facturo.Platform;

/// <summary>The key ring's certificate as an operator handles it: changed one day, mistyped another.</summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "facturo-tests", $"key-ring-{Guid.NewGuid():N}");

    [Fact]
    public void After_a_certificate_change_what_the_old_keys_protected_is_still_read()
    {
        Requests.WriteCertificate(Path.Combine(_folder, "old.pfx"), "old-password");
        Requests.WriteCertificate(Path.Combine(_folder, "new.pfx"), "new-password");
        var protectedText = KeyRingWith(("CertificatePath", "old.pfx"), ("CertificatePassword", "old-password"))
            .CreateProtector("bank-accounts").Protect("123456789");

        var afterTheChange = KeyRingWith(("CertificatePath", "new.pfx"), ("CertificatePassword", "new-password"),
            ("PreviousCertificatePath", "old.pfx"), ("PreviousCertificatePassword", "old-password"));

        Assert.Equal("123456789", afterTheChange.CreateProtector("bank-accounts").Unprotect(protectedText));
    }

    [Fact]
    public void A_wrong_certificate_password_is_refused_naming_the_setting_and_the_file()
    {
        Requests.WriteCertificate(Path.Combine(_folder, "key-ring.pfx"), "right-password");

        var refused = Assert.Throws<InvalidOperationException>(() => KeyRingWith(("CertificatePath", "key-ring.pfx"), ("CertificatePassword", "wrong-password")));

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "key-ring.pfx"), refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private IDataProtectionProvider KeyRingWith(params (string Name, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => $"{KeyRing.Section}:{s.Name}", s => (string?)(s.Name.EndsWith("Path", StringComparison.Ordinal) ? Path.Combine(_folder, s.Value) : s.Value));
        values[$"{KeyRing.Section}:KeyDirectory"] = Path.Combine(_folder, "keys");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddKeyRing(configuration).BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
