using System.Globalization;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Portal;

/// <summary>
/// After a reset with the security questions, answers someone else may know, the next sign-in from a browser the
/// person never signed in with asks for a code emailed to them, so the questions alone do not hand over the account.
/// A browser is known by a long-lived cookie, encrypted, naming the people who signed in with it.
/// </summary>
public sealed class KnownBrowsers(IDataProtectionProvider protection, UserManager<PortalUser> users, EmailOutbox outbox, FacturoDbContext db, TimeProvider time)
{
    public const string KnownCookie = "facturo-known-browser";
    public const string PendingCookie = "facturo-email-code";
    private const string CodePurpose = "new-browser-sign-in";
    private const int MostPeoplePerBrowser = 10;
    private static readonly TimeSpan KnownFor = TimeSpan.FromDays(365);
    // An out-of-band code lives 10 minutes at most (ASVS 5.0, 6.5.5).
    private static readonly TimeSpan CodeValidFor = TimeSpan.FromMinutes(10);
    private readonly IDataProtector _known = protection.CreateProtector("Facturo.KnownBrowsers.v1");
    private readonly ITimeLimitedDataProtector _pending = protection.CreateProtector("Facturo.EmailCodeSignIn.v1").ToTimeLimitedDataProtector();

    public bool NeedsEmailCode(HttpContext http, PortalUser user) =>
        user.EmailCodeOnNewBrowser && !user.TwoFactorEnabled && !PeopleOf(http).Contains(user.Id);

    /// <summary>Emails the code and remembers, in this browser only, who is halfway through signing in.</summary>
    public async Task SendCodeAsync(HttpContext http, PortalUser user, CancellationToken cancellationToken)
    {
        var code = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultEmailProvider, CodePurpose);
        var french = user.Language == Language.Fr;
        await outbox.QueueAsync("sign-in-code", user.Email!, user.Language,
            french ? "Votre code de connexion" : "Your sign-in code",
            french
                ? $"Bonjour {user.FullName},\n\nVotre code de connexion : {code}\n\nIl est demandé parce que votre mot de passe a été changé avec les questions de sécurité et que ce navigateur n'a jamais servi à vous connecter. Si ce n'est pas vous qui vous connectez, ne donnez ce code à personne et appelez-nous."
                : $"Hello {user.FullName},\n\nYour sign-in code: {code}\n\nIt is asked for because your password was changed with the security questions and this browser was never used to sign in. If you are not the one signing in, give this code to nobody and call us.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Cookies.Append(PendingCookie, _pending.Protect(user.Id.ToString(CultureInfo.InvariantCulture), CodeValidFor), CookieOptions(http, expires: null));
    }

    public async Task<PortalUser?> PendingUserAsync(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(PendingCookie, out var protectedId))
        {
            return null;
        }
        try
        {
            return await users.FindByIdAsync(_pending.Unprotect(protectedId));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Expired or tampered with: the person signs in again.
            return null;
        }
    }

    public Task<bool> VerifyCodeAsync(PortalUser user, string code) =>
        users.VerifyUserTokenAsync(user, TokenOptions.DefaultEmailProvider, CodePurpose, code.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>The emailed code was right: the check is done, and this browser is now one of the person's.</summary>
    public async Task PassedAsync(HttpContext http, PortalUser user)
    {
        user.EmailCodeOnNewBrowser = false;
        await users.UpdateAsync(user);
        http.Response.Cookies.Delete(PendingCookie);
        Remember(http, user);
    }

    public void Remember(HttpContext http, PortalUser user)
    {
        var people = PeopleOf(http).Where(id => id != user.Id).Prepend(user.Id).Take(MostPeoplePerBrowser);
        http.Response.Cookies.Append(KnownCookie, _known.Protect(string.Join(',', people.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
            CookieOptions(http, expires: time.GetUtcNow().Add(KnownFor)));
    }

    private IReadOnlyList<long> PeopleOf(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(KnownCookie, out var value))
        {
            return [];
        }
        try
        {
            return [.. _known.Unprotect(value).Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture))];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }

    private static CookieOptions CookieOptions(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        Expires = expires,
    };
}
