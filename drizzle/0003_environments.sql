CREATE TABLE "environment_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"domain_id" uuid,
	"domain_name" text NOT NULL,
	"number" integer NOT NULL,
	"parent_id" uuid,
	"generator" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"content" jsonb NOT NULL,
	"validation" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "environment_versions" ADD CONSTRAINT "environment_versions_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "environment_versions_domain_idx" ON "environment_versions" USING btree ("domain_id","number");