using Facturo.Accounts;
using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Portal;

public enum SupportQuestionStatus { Open, Answered }

/// <summary>A billing question a customer sent from the portal, and the staff's answer.</summary>
public sealed class SupportQuestion
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public long? AccountId { get; set; }
    public long AskedByUserId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public Language Language { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    public SupportQuestionStatus Status { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public long? AnsweredByStaffId { get; set; }
}

public sealed record QuestionForm(string? CustomerNumber, string Subject, string Body);

/// <summary>Customers ask billing questions in the portal; customer relations answer, and the answer is emailed in the asker's language.</summary>
public sealed class SupportQuestions(FacturoDbContext db, EmailOutbox outbox, StaffAudit audit, BillerClock clock)
{
    public async Task<Outcome<SupportQuestion>> AskAsync(PortalUser me, QuestionForm form, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Subject) || form.Subject.Trim().Length > 150 || string.IsNullOrWhiteSpace(form.Body) || form.Body.Trim().Length > 4000)
        {
            return UserError.Validation("support.question");
        }
        long? accountId = null;
        if (!string.IsNullOrWhiteSpace(form.CustomerNumber))
        {
            accountId = await db.Accounts.Where(a => a.CustomerNumber == form.CustomerNumber.Trim()
                    && db.EnterpriseAccounts.Any(l => l.EnterpriseId == me.EnterpriseId && l.AccountId == a.Id))
                .Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                return UserError.NotFound("account.not-found", form.CustomerNumber);
            }
        }
        var question = new SupportQuestion
        {
            EnterpriseId = me.EnterpriseId, AccountId = accountId, AskedByUserId = me.Id, Subject = form.Subject.Trim(), Body = form.Body.Trim(),
            Language = me.Language, AskedAt = clock.UtcNow, Status = SupportQuestionStatus.Open,
        };
        db.SupportQuestions.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        return question;
    }

    public Task<List<SupportQuestion>> OfEnterpriseAsync(long enterpriseId, CancellationToken cancellationToken) =>
        db.SupportQuestions.AsNoTracking().Where(q => q.EnterpriseId == enterpriseId).OrderByDescending(q => q.Id).Take(50).ToListAsync(cancellationToken);

    public async Task<Outcome<SupportQuestion>> AnswerAsync(long questionId, string answer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(answer) || answer.Trim().Length > 4000)
        {
            return UserError.Validation("support.answer");
        }
        var question = await db.SupportQuestions.SingleOrDefaultAsync(q => q.Id == questionId && q.Status == SupportQuestionStatus.Open, cancellationToken);
        if (question is null)
        {
            return UserError.NotFound("support.not-found");
        }
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == question.AskedByUserId, cancellationToken);
        (question.Status, question.Answer, question.AnsweredAt, question.AnsweredByStaffId) = (SupportQuestionStatus.Answered, answer.Trim(), clock.UtcNow, audit.CurrentStaffId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var french = question.Language == Language.Fr;
        await outbox.QueueAsync("support-answer", person.Email!, question.Language,
            french ? $"Réponse à votre question : {question.Subject}" : $"Answer to your question: {question.Subject}",
            french
                ? $"Bonjour {person.FullName},\n\nVotre question :\n{question.Body}\n\nNotre réponse :\n{question.Answer}\n\nVous la retrouvez aussi dans le portail (Questions)."
                : $"Hello {person.FullName},\n\nYour question:\n{question.Body}\n\nOur answer:\n{question.Answer}\n\nYou also find it in the portal (Questions).",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("support.answer", $"question {question.Id}", null, new { question.Answer }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return question;
    }
}

internal sealed class SupportQuestionConfiguration : IEntityTypeConfiguration<SupportQuestion>
{
    public void Configure(EntityTypeBuilder<SupportQuestion> question)
    {
        question.Property(q => q.Subject).HasMaxLength(150);
        question.Property(q => q.Body).HasMaxLength(4000);
        question.Property(q => q.Answer).HasMaxLength(4000);
        question.Property(q => q.Language).HasConversion<string>().HasMaxLength(2);
        question.Property(q => q.Status).HasConversion<string>().HasMaxLength(12);
        question.HasIndex(q => new { q.Status, q.Id });
        question.HasIndex(q => q.EnterpriseId);
        question.HasOne<Enterprise>().WithMany().HasForeignKey(q => q.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        question.HasOne<CustomerAccount>().WithMany().HasForeignKey(q => q.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
