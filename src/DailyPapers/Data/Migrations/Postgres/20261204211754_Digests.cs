using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DailyPapers.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Digests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "last_period_key",
                table: "subscriptions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_skipped_at",
                table: "subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_leases", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropColumn(
                name: "last_period_key",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "last_skipped_at",
                table: "subscriptions");
        }
    }
}
