using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>The jury member aggregate: the member, their declared organisation links (R10) and their invitations.</summary>
internal sealed class JuryMemberConfiguration : IEntityTypeConfiguration<JuryMemberEntity>
{
    public void Configure(EntityTypeBuilder<JuryMemberEntity> e)
    {
        e.ToTable("JuryMembers");
        e.Property(x => x.LastName).HasMaxLength(100).IsRequired();
        e.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
        e.Property(x => x.Email).HasMaxLength(200).IsRequired();
        e.HasIndex(x => x.Email).IsUnique();
        e.Property(x => x.OrganisationName).HasMaxLength(200);
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Links).WithOne().HasForeignKey(l => l.JuryMemberId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.FullName);
    }
}

internal sealed class MemberOrganisationLinkConfiguration : IEntityTypeConfiguration<MemberOrganisationLink>
{
    public void Configure(EntityTypeBuilder<MemberOrganisationLink> e)
    {
        e.Property(x => x.Description).HasMaxLength(300);
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.JuryMemberId, x.OrganisationId }).IsUnique();
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.Property(x => x.CreatedBy).HasMaxLength(200);
        e.HasOne(x => x.JuryMember).WithMany().HasForeignKey(x => x.JuryMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
