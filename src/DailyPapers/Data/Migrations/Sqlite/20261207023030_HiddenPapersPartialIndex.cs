using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DailyPapers.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HiddenPapersPartialIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_papers_hidden_at",
                table: "papers");

            migrationBuilder.CreateIndex(
                name: "ix_papers_hidden_at",
                table: "papers",
                column: "hidden_at",
                filter: "hidden_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_papers_hidden_at",
                table: "papers");

            migrationBuilder.CreateIndex(
                name: "ix_papers_hidden_at",
                table: "papers",
                column: "hidden_at");
        }
    }
}
