ALTER TABLE "patients" ADD COLUMN "mrn_number" bigint GENERATED ALWAYS AS ((substring("mrn" from '[0-9]{1,18}$'))::bigint) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace("phone", '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "phone_digits_reversed" text GENERATED ALWAYS AS (reverse(regexp_replace("phone", '[^0-9]', '', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "email_key" text GENERATED ALWAYS AS (lower("email")) STORED;--> statement-breakpoint
CREATE INDEX "patients_clinic_mrn_number_idx" ON "patients" USING btree ("clinic_id","mrn_number","id");--> statement-breakpoint
CREATE INDEX "patients_clinic_phone_idx" ON "patients" USING btree ("clinic_id",("phone_digits" collate "C"),"id");--> statement-breakpoint
CREATE INDEX "patients_clinic_phone_reversed_idx" ON "patients" USING btree ("clinic_id",("phone_digits_reversed" collate "C"),"id");--> statement-breakpoint
CREATE INDEX "patients_clinic_email_key_idx" ON "patients" USING btree ("clinic_id",("email_key" collate "C"),"id");