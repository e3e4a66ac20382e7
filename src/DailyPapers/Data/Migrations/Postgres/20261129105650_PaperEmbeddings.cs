using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DailyPapers.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaperEmbeddings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "paper_embeddings",
                columns: table => new
                {
                    paper_id = table.Column<long>(type: "bigint", nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    dimensions = table.Column<int>(type: "integer", nullable: false),
                    vector = table.Column<byte[]>(type: "bytea", nullable: false),
                    text_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    source_change_seq = table.Column<long>(type: "bigint", nullable: false),
                    change_seq = table.Column<long>(type: "bigint", nullable: false),
                    computed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_embeddings", x => new { x.paper_id, x.model });
                    table.ForeignKey(
                        name: "fk_paper_embeddings_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_paper_embeddings_model_change_seq",
                table: "paper_embeddings",
                columns: new[] { "model", "change_seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paper_embeddings");
        }
    }
}
