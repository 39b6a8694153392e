-- A build's edges become one packed row (graph_edge_sets); the rows of graph_edges are dropped.
-- A studio upgraded from an earlier version shows its latest build without edges until the next build.
CREATE TABLE "graph_edge_sets" (
	"build_id" uuid PRIMARY KEY NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"tool_ids" uuid[] NOT NULL,
	"count" integer NOT NULL,
	"edges" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "graph_edge_sets" ADD CONSTRAINT "graph_edge_sets_build_id_graph_builds_id_fk" FOREIGN KEY ("build_id") REFERENCES "public"."graph_builds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP TABLE "graph_edges" CASCADE;