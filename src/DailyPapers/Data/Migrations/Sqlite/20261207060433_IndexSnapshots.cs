using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DailyPapers.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "index_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    model_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    dimensions = table.Column<int>(type: "INTEGER", nullable: false),
                    quantization = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    keyword_schema = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    keyword_watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    vector_watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    chunk_count = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    complete = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "index_snapshot_chunks",
                columns: table => new
                {
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_snapshot_chunks", x => new { x.snapshot_id, x.position });
                    table.ForeignKey(
                        name: "fk_index_snapshot_chunks_index_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "index_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_index_snapshots_created_at",
                table: "index_snapshots",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_snapshot_chunks");

            migrationBuilder.DropTable(
                name: "index_snapshots");
        }
    }
}
