using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>Candidates; each has dossiers (a returning candidate has a new dossier, R4.2).</summary>
internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> e)
    {
        e.Property(x => x.LastName).HasMaxLength(100).IsRequired();
        e.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
        e.Property(x => x.Email).HasMaxLength(200);
        e.OwnsOne(x => x.PostalAddress, a =>
        {
            // Columns of Candidates (PostalAddress_Line1…); required inside the address, so a stored
            // address is told apart from none (all null).
            a.Property(p => p.Line1).HasMaxLength(38).IsRequired();
            a.Property(p => p.Line2).HasMaxLength(38);
            a.Property(p => p.PostalCode).HasMaxLength(10).IsRequired();
            a.Property(p => p.City).HasMaxLength(38).IsRequired();
            a.Property(p => p.Country).HasMaxLength(38).IsRequired();
            a.Ignore(p => p.IsInFrance);
        });
        e.HasMany(x => x.Dossiers).WithOne(d => d.Candidate).HasForeignKey(d => d.CandidateId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.FullName);
        e.Ignore(x => x.OfficialName);
    }
}
