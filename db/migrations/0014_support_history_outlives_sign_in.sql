ALTER TABLE "support_sessions" DROP CONSTRAINT "support_sessions_user_session_id_user_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "support_sessions" ALTER COLUMN "user_session_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_user_session_id_user_sessions_id_fk" FOREIGN KEY ("user_session_id") REFERENCES "public"."user_sessions"("id") ON DELETE set null ON UPDATE no action;