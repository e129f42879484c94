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
        e.HasMany(x => x.Dossiers).WithOne(d => d.Candidate).HasForeignKey(d => d.CandidateId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.FullName);
        e.Ignore(x => x.OfficialName);
    }
}
