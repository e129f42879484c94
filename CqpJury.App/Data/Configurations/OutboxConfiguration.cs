using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>The mail outbox (issue 20): messages to deliver, claimed by a lease; the indexes serve the sender's next-due query and the pages' lists.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("OutboxMessages");
        e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.RecipientRole).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.RecipientName).HasMaxLength(250).IsRequired();
        e.Property(x => x.RecipientAddress).HasMaxLength(320).IsRequired();
        e.Property(x => x.Subject).HasMaxLength(300).IsRequired();
        e.Property(x => x.Contents).HasMaxLength(300).IsRequired();
        e.Property(x => x.VerifyBase).HasMaxLength(300);
        e.Property(x => x.Payload).HasMaxLength(4000);
        e.Property(x => x.MessageId).HasMaxLength(200).IsRequired();
        e.Property(x => x.CreatedBy).HasMaxLength(200);
        e.Property(x => x.CancelledBy).HasMaxLength(200);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => x.SessionId);
        e.HasIndex(x => x.DossierId);
    }
}

internal sealed class SessionConvocationConfiguration : IEntityTypeConfiguration<SessionConvocation>
{
    public void Configure(EntityTypeBuilder<SessionConvocation> e)
    {
        e.ToTable("SessionConvocations");
        e.HasKey(x => x.SessionId);
        e.Property(x => x.Uid).HasMaxLength(200).IsRequired();
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.VideoLink).HasMaxLength(500);
        e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        e.HasOne<JurySession>().WithOne().HasForeignKey<SessionConvocation>(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
