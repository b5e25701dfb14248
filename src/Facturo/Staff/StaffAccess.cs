using System.Security.Claims;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Passwords;
using Facturo.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Staff;

/// <summary>
/// The back office's own sign-in: a cookie scheme of its own (path /admin), password then an authenticator
/// code every time. A customer's portal session is a different scheme and never opens /admin.
/// </summary>
public static class StaffAuth
{
    public const string Scheme = "Staff";
    /// <summary>Set only after the second step: every back-office page requires it.</summary>
    public const string TwoStepClaim = "facturo:staff-two-step";
    public const string StaffPolicy = "Staff";
    public const string CustomerRelationsPolicy = "CustomerRelations";
    public const string BillingOperatorPolicy = "BillingOperator";
    public const string SalesPolicy = "Sales";
    public const string AdministratorPolicy = "Administrator";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.LoginPath = "/admin/signin";
            cookie.AccessDeniedPath = "/admin/denied";
            cookie.Cookie.Name = "facturo-staff";
            cookie.Cookie.Path = "/admin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Lifetime and time-outs are the server-side session's: Platform/ServerSessions.cs.
            cookie.Events.OnValidatePrincipal = ValidateStillActiveAsync;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                // Password given but not the code yet: the way on is the second step, not "access denied".
                var halfway = context.HttpContext.User.Identities.Any(i => i.AuthenticationType == Scheme) && !context.HttpContext.User.HasClaim(c => c.Type == TwoStepClaim);
                context.Response.Redirect(halfway ? "/admin/two-step" : context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim))
            .AddPolicy(CustomerRelationsPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.CustomerRelations), nameof(StaffRole.Administrator)))
            .AddPolicy(BillingOperatorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.BillingOperator), nameof(StaffRole.CustomerRelations), nameof(StaffRole.Administrator)))
            .AddPolicy(SalesPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.Sales), nameof(StaffRole.Administrator)))
            .AddPolicy(AdministratorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TwoStepClaim)
                .RequireRole(nameof(StaffRole.Administrator)));
        services.AddScoped<StaffSignIn>();
        services.AddScoped<StaffAudit>();
        services.AddScoped<CustomerRelations>();
        services.AddScoped<AccessRequestReviews>();
        services.AddScoped<Operations>();
        services.AddScoped<Programs>();
        services.AddSingleton<BillRunLauncher>();
        services.AddSingleton<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();
        return services;
    }

    /// <summary>A disabled staff member's open sessions end at the next request of any of them, and so do those of one whose role changed.</summary>
    private static async Task ValidateStillActiveAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<FacturoDbContext>();
        var id = long.Parse(context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
        var role = Enum.TryParse<StaffRole>(context.Principal!.FindFirstValue(ClaimTypes.Role), out var claimed) ? claimed : (StaffRole?)null;
        if (!await db.StaffMembers.AnyAsync(s => s.Id == id && s.DisabledAt == null && s.Role == role, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().EndAllAsync(SessionAudience.Staff, id, context.HttpContext.RequestAborted);
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    public static long StaffId(ClaimsPrincipal user) => long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
}

public enum StaffSignInResult { PasswordAccepted, Refused, LockedOut }

/// <summary>Password, lockout after five failures, then the authenticator code (set up at the first sign-in).</summary>
/// <remarks>
/// Every password check costs one hash, whether the address is unknown, the account disabled or locked, so the
/// answer's timing does not tell which addresses are staff; the page says the same for all of them.
/// </remarks>
public sealed class StaffSignIn(FacturoDbContext db, IPasswordHasher<StaffMember> hasher, IDataProtectionProvider protection, BillerClock clock, PasswordPolicy passwords,
    EmailOutbox outbox, SignInSessions sessions)
{
    private const int MaxFailures = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private static readonly StaffMember Decoy = new() { Email = "", FullName = "", PasswordHash = "" };
    private static string? _decoyHash;
    private readonly IDataProtector _keys = protection.CreateProtector("Facturo.StaffTotpKeys.v1");

    public async Task<(StaffSignInResult Result, StaffMember? Staff)> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == normalized && s.DisabledAt == null, cancellationToken);
        if (staff is null)
        {
            _decoyHash ??= hasher.HashPassword(Decoy, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(Decoy, _decoyHash, password);
            return (StaffSignInResult.Refused, null);
        }
        var now = clock.UtcNow;
        var verified = hasher.VerifyHashedPassword(staff, staff.PasswordHash, password);
        if (staff.LockedUntil > now)
        {
            return (StaffSignInResult.LockedOut, null);
        }
        if (verified == PasswordVerificationResult.Failed)
        {
            staff.FailedSignIns++;
            if (staff.FailedSignIns >= MaxFailures)
            {
                (staff.FailedSignIns, staff.LockedUntil) = (0, now + Lockout);
            }
            await db.SaveChangesAsync(cancellationToken);
            return (staff.LockedUntil > now ? StaffSignInResult.LockedOut : StaffSignInResult.Refused, null);
        }
        // The failure count is reset only by a good authenticator code: a known password must not buy more code guesses.
        return (StaffSignInResult.PasswordAccepted, staff);
    }

    /// <summary>The key to show (as text and QR code) while the person has not confirmed an authenticator yet.</summary>
    public async Task<string?> PendingKeyAsync(long staffId, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleAsync(s => s.Id == staffId, cancellationToken);
        if (staff.TotpConfirmed)
        {
            return null;
        }
        if (staff.ProtectedTotpKey is null)
        {
            staff.ProtectedTotpKey = _keys.Protect(Convert.ToBase64String(Totp.NewKey()));
            await db.SaveChangesAsync(cancellationToken);
        }
        return Totp.Base32(Convert.FromBase64String(_keys.Unprotect(staff.ProtectedTotpKey)));
    }

    /// <summary>Checks a code (once only); the first good code also confirms the authenticator.</summary>
    public async Task<StaffMember?> VerifyCodeAsync(long staffId, string code, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleAsync(s => s.Id == staffId && s.DisabledAt == null, cancellationToken);
        if (staff.ProtectedTotpKey is null || staff.LockedUntil > clock.UtcNow)
        {
            return null;
        }
        var key = Convert.FromBase64String(_keys.Unprotect(staff.ProtectedTotpKey));
        if (Totp.Verify(key, code, clock.UtcNow, staff.LastTotpStep) is not { } step)
        {
            staff.FailedSignIns++;
            if (staff.FailedSignIns >= MaxFailures)
            {
                (staff.FailedSignIns, staff.LockedUntil) = (0, clock.UtcNow + Lockout);
            }
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        (staff.LastTotpStep, staff.TotpConfirmed, staff.FailedSignIns) = (step, true, 0);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    public static ClaimsPrincipal Principal(StaffMember staff, bool twoStepDone)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, staff.FullName),
            new(ClaimTypes.Email, staff.Email),
            new(ClaimTypes.Role, staff.Role.ToString()),
        };
        if (twoStepDone)
        {
            claims.Add(new Claim(StaffAuth.TwoStepClaim, "totp"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, StaffAuth.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Creates a staff member with a password they change by signing in; the authenticator is set up at the first sign-in.</summary>
    public async Task<Outcome<StaffMember>> CreateAsync(string email, string fullName, StaffRole role, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        if (!normalized.Contains('@', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(fullName))
        {
            return UserError.Validation("staff.invalid");
        }
        if ((PasswordPolicy.Refusal(password) ?? await passwords.ContextRefusalAsync(password, cancellationToken)) is { } weak)
        {
            return weak;
        }
        if (await db.StaffMembers.AnyAsync(s => s.Email == normalized, cancellationToken))
        {
            return UserError.Conflict("staff.exists", normalized);
        }
        var staff = new StaffMember { Email = normalized, FullName = fullName.Trim(), Role = role, PasswordHash = "", CreatedAt = clock.UtcNow };
        staff.PasswordHash = hasher.HashPassword(staff, password);
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    /// <summary>A new password for an active staff member (set by an administrator with the command line), under the same policy as the portal's.</summary>
    public async Task<Outcome<StaffMember>> SetPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == normalized && s.DisabledAt == null, cancellationToken);
        if (staff is null)
        {
            return UserError.NotFound("staff.unknown", normalized);
        }
        var refusal = await passwords.RefusalAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, password,
            hash => hasher.VerifyHashedPassword(staff, hash, password) != PasswordVerificationResult.Failed, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        await passwords.RememberReplacedAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, cancellationToken);
        (staff.PasswordHash, staff.FailedSignIns, staff.LockedUntil) = (hasher.HashPassword(staff, password), 0, null);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    /// <summary>
    /// The signed-in person's current password, asked before they choose a new one. A wrong one counts as a failed sign-in,
    /// saved at once (outside any transaction the change runs in), so a stolen session cannot guess it for ever.
    /// </summary>
    public async Task<Outcome<StaffMember>> VerifyCurrentPasswordAsync(long staffId, string currentPassword, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleAsync(s => s.Id == staffId && s.DisabledAt == null, cancellationToken);
        var now = clock.UtcNow;
        if (staff.LockedUntil > now)
        {
            return UserError.Validation("staff.current-password-wrong");
        }
        if (hasher.VerifyHashedPassword(staff, staff.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            if (++staff.FailedSignIns >= MaxFailures)
            {
                (staff.FailedSignIns, staff.LockedUntil) = (0, now + Lockout);
            }
            await db.SaveChangesAsync(cancellationToken);
            return UserError.Validation("staff.current-password-wrong");
        }
        return staff;
    }

    /// <summary>
    /// The person's own new password (ASVS 5.0, 6.2.2), once <see cref="VerifyCurrentPasswordAsync"/> accepted the current one: same policy
    /// as above, the person emailed and every one of their sessions ended, in the caller's transaction; the caller signs this browser in again.
    /// </summary>
    public async Task<Outcome<StaffMember>> ReplaceOwnPasswordAsync(StaffMember staff, string newPassword, CancellationToken cancellationToken)
    {
        var refusal = await passwords.RefusalAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, newPassword,
            hash => hasher.VerifyHashedPassword(staff, hash, newPassword) != PasswordVerificationResult.Failed, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        await passwords.RememberReplacedAsync(PasswordOwner.StaffMember, staff.Id, staff.PasswordHash, cancellationToken);
        (staff.PasswordHash, staff.FailedSignIns) = (hasher.HashPassword(staff, newPassword), 0);
        // Staff have no language of their own; the back office's notices are in English.
        await outbox.QueueAsync("staff-password-changed", staff.Email, Language.En, "Your back-office password was changed",
            $"Hello {staff.FullName},\n\nThe password you use to sign in to the back office was just changed, and every other session of yours was signed out.\n\nIf you did not make this change, tell an administrator right away.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
        return staff;
    }

    /// <summary>Refuses the person at sign-in from now on and ends their open sessions at once.</summary>
    public async Task<Outcome<StaffMember>> DisableAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == normalized && s.DisabledAt == null, cancellationToken);
        if (staff is null)
        {
            return UserError.NotFound("staff.unknown", normalized);
        }
        staff.DisabledAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionAudience.Staff, staff.Id, cancellationToken);
        return staff;
    }

    /// <summary>Lets a disabled staff member sign in again, with the password and authenticator they had.</summary>
    public async Task<Outcome<StaffMember>> EnableAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == normalized && s.DisabledAt != null, cancellationToken);
        if (staff is null)
        {
            return UserError.NotFound("staff.not-disabled", normalized);
        }
        staff.DisabledAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }
}

/// <summary>Writes who did what, with the before and after, into the append-only audit log, in the caller's transaction.</summary>
public sealed class StaffAudit(FacturoDbContext db, IHttpContextAccessor http, BillerClock clock)
{
    /// <summary>Accented letters as they are ("Société"), so an administrator reads the log as written; it is shown HTML-encoded.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long CurrentStaffId => StaffAuth.StaffId(http.HttpContext!.User);
    public string CurrentStaffEmail => http.HttpContext!.User.FindFirstValue(ClaimTypes.Email)!;

    public async Task RecordAsync(string action, string subject, object? before, object? after, CancellationToken cancellationToken)
    {
        var user = http.HttpContext!.User;
        var staffId = StaffAuth.StaffId(user);
        db.StaffAuditEntries.Add(new StaffAuditEntry
        {
            At = clock.UtcNow,
            StaffId = staffId,
            StaffEmail = user.FindFirstValue(ClaimTypes.Email)!,
            Action = action,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, Readable),
            After = after is null ? null : JsonSerializer.Serialize(after, Readable),
            IpAddress = http.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
