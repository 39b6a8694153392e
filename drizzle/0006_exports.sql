CREATE TABLE "export_chunks" (
	"export_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "export_chunks_export_id_n_pk" PRIMARY KEY("export_id","n")
);
--> statement-breakpoint
CREATE TABLE "exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "exports_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"selection" jsonb NOT NULL,
	"job_id" uuid,
	"manifest" jsonb,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "target" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "export_chunks" ADD CONSTRAINT "export_chunks_export_id_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exports_seq_idx" ON "exports" USING btree ("seq");