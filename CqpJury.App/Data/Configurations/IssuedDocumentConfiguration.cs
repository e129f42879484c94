using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>Official documents, issued once (R14, R15): the record of what was issued and its fingerprints.</summary>
internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> e)
    {
        e.ToTable("IssuedDocuments");
        e.Property(x => x.VerificationCode).HasMaxLength(14).IsRequired();
        e.HasIndex(x => x.VerificationCode).IsUnique();
        e.HasIndex(x => new { x.SessionId, x.Kind, x.DossierId }).IsUnique();
        // Session-wide documents (minutes, attendance sheet) have no dossier: NULLs are distinct in a
        // unique index, so a filtered one keeps them to one per session and kind.
        e.HasIndex(x => new { x.SessionId, x.Kind }).IsUnique().HasFilter("\"DossierId\" IS NULL").HasDatabaseName("IX_IssuedDocuments_SessionWide");
        e.Property(x => x.Title).HasMaxLength(300).IsRequired();
        e.Property(x => x.CandidateName).HasMaxLength(250);
        e.Property(x => x.CertificateTitle).HasMaxLength(200);
        e.Property(x => x.Statement).HasMaxLength(500);
        e.Property(x => x.ContentHash).HasMaxLength(64).IsRequired();
        e.Property(x => x.FileSha256).HasMaxLength(64).IsRequired();
        e.Property(x => x.StoredFileName).HasMaxLength(100).IsRequired();
        e.Property(x => x.IssuedBy).HasMaxLength(200);
        e.Property(x => x.SealCertificateSha256).HasMaxLength(64);
        e.Property(x => x.SealCertificateSubject).HasMaxLength(1000);
        e.HasIndex(x => x.SealCertificateSha256);
    }
}
