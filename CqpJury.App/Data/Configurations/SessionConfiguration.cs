using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>The session aggregate: the session, its convened members (R8) and its agenda (R6).</summary>
internal sealed class JurySessionConfiguration : IEntityTypeConfiguration<JurySession>
{
    public void Configure(EntityTypeBuilder<JurySession> e)
    {
        e.ToTable("JurySessions");
        e.Property(x => x.Title).HasMaxLength(200).IsRequired();
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.VideoLink).HasMaxLength(500);
        e.Property(x => x.ClosedBy).HasMaxLength(200);
        e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionMemberConfiguration : IEntityTypeConfiguration<SessionMember>
{
    public void Configure(EntityTypeBuilder<SessionMember> e)
    {
        e.ToTable("SessionMembers");
        e.HasKey(x => new { x.SessionId, x.JuryMemberId });
        e.HasOne(x => x.JuryMember).WithMany().HasForeignKey(x => x.JuryMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> e)
    {
        e.ToTable("AgendaItems");
        e.HasIndex(x => new { x.SessionId, x.DossierId }).IsUnique();
        e.HasOne(x => x.Dossier).WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
    }
}
