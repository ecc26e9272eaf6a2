CREATE TABLE `eligibility_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`award_form` text NOT NULL,
	`nominee_kind` text NOT NULL,
	`conditions` text NOT NULL,
	`legal_basis` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`active` integer DEFAULT true NOT NULL,
	`updated_by` integer,
	`updated_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "eligibility_rules_kind" CHECK("eligibility_rules"."nominee_kind" IN ('collective', 'individual'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eligibility_rules_version` ON `eligibility_rules` (`code`,`effective_from`);--> statement-breakpoint
CREATE INDEX `eligibility_rules_form` ON `eligibility_rules` (`nominee_kind`,`award_form`);--> statement-breakpoint
CREATE TABLE `yearly_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nominee_kind` text NOT NULL,
	`individual_id` integer,
	`collective_id` integer,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`source_number` text NOT NULL,
	`source_date` text,
	`note` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`individual_id`) REFERENCES `individuals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`collective_id`) REFERENCES `collectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "yearly_records_one_nominee" CHECK(("yearly_records"."nominee_kind" = 'collective' AND "yearly_records"."collective_id" IS NOT NULL AND "yearly_records"."individual_id" IS NULL)
       OR ("yearly_records"."nominee_kind" = 'individual' AND "yearly_records"."individual_id" IS NOT NULL AND "yearly_records"."collective_id" IS NULL)),
	CONSTRAINT "yearly_records_kind" CHECK("yearly_records"."kind" IN ('rating', 'title', 'initiative', 'award')),
	CONSTRAINT "yearly_records_year" CHECK("yearly_records"."year" BETWEEN 1945 AND 2100)
);
--> statement-breakpoint
CREATE INDEX `yearly_records_individual` ON `yearly_records` (`individual_id`,`year`);--> statement-breakpoint
CREATE INDEX `yearly_records_collective` ON `yearly_records` (`collective_id`,`year`);--> statement-breakpoint
CREATE UNIQUE INDEX `yearly_records_individual_unique` ON `yearly_records` (`individual_id`,`year`,`kind`,`value`,`source_number`) WHERE "yearly_records"."individual_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `yearly_records_collective_unique` ON `yearly_records` (`collective_id`,`year`,`kind`,`value`,`source_number`) WHERE "yearly_records"."collective_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `nominations` ADD `eligibility_exception` text;--> statement-breakpoint
-- The default eligibility rules (lib/eligibility-rule.ts): data an admin edits at /manage/rules, never code.
-- Every one is "to verify" (verified = false): criteria and articles were found second-hand. Two versions
-- each: under Decree 98/2023 until 30 June 2025, under Decree 152/2025 from 1 July 2025.
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('bang_khen_tinh_ca_nhan', 'Bằng khen của Chủ tịch UBND cấp tỉnh — cá nhân', 'Bằng khen của Chủ tịch UBND', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"rating","values":["htxsnv"],"years":2},{"type":"count","kind":"initiative","values":["co_so","tinh","toan_quoc"],"min":2,"within":2},{"type":"not_already_awarded","within":2}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): tiêu chuẩn Bằng khen cấp bộ, ban, ngành, tỉnh đối với cá nhân: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến được công nhận; nguyên tắc mỗi thành tích chỉ được khen một lần. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('bang_khen_tinh_ca_nhan', 'Bằng khen của Chủ tịch UBND cấp tỉnh — cá nhân', 'Bằng khen của Chủ tịch UBND', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"rating","values":["htxsnv"],"years":2},{"type":"count","kind":"initiative","values":["co_so","tinh","toan_quoc"],"min":2,"within":2},{"type":"not_already_awarded","within":2}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): tiêu chuẩn Bằng khen cấp bộ, ban, ngành, tỉnh đối với cá nhân: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến được công nhận; nguyên tắc mỗi thành tích chỉ được khen một lần. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('bang_khen_tinh_tap_the', 'Bằng khen của Chủ tịch UBND cấp tỉnh — tập thể', 'Bằng khen của Chủ tịch UBND', 'collective', '{"type":"all","of":[{"type":"consecutive","kind":"rating","values":["htxsnv"],"years":2},{"type":"not_already_awarded","within":2}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): tiêu chuẩn Bằng khen cấp bộ, ban, ngành, tỉnh đối với tập thể: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ; mỗi thành tích chỉ được khen một lần. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('bang_khen_tinh_tap_the', 'Bằng khen của Chủ tịch UBND cấp tỉnh — tập thể', 'Bằng khen của Chủ tịch UBND', 'collective', '{"type":"all","of":[{"type":"consecutive","kind":"rating","values":["htxsnv"],"years":2},{"type":"not_already_awarded","within":2}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): tiêu chuẩn Bằng khen cấp bộ, ban, ngành, tỉnh đối với tập thể: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ; mỗi thành tích chỉ được khen một lần. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('cstd_co_so', 'Chiến sĩ thi đua cơ sở', 'Chiến sĩ thi đua cơ sở', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"title","values":["ldtt","cstt"],"years":1},{"type":"count","kind":"initiative","values":["co_so","tinh","toan_quoc"],"min":1,"within":1}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Chiến sĩ thi đua cơ sở: đạt Lao động tiên tiến (Chiến sĩ tiên tiến) và có sáng kiến hoặc đề tài nghiên cứu được công nhận. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('cstd_co_so', 'Chiến sĩ thi đua cơ sở', 'Chiến sĩ thi đua cơ sở', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"title","values":["ldtt","cstt"],"years":1},{"type":"count","kind":"initiative","values":["co_so","tinh","toan_quoc"],"min":1,"within":1}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Chiến sĩ thi đua cơ sở: đạt Lao động tiên tiến (Chiến sĩ tiên tiến) và có sáng kiến hoặc đề tài nghiên cứu được công nhận. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('cstd_tinh', 'Chiến sĩ thi đua cấp tỉnh', 'Chiến sĩ thi đua cấp tỉnh', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"title","values":["cstd_co_so"],"years":3},{"type":"count","kind":"initiative","values":["tinh","toan_quoc"],"min":1,"within":3}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: 03 lần liên tục đạt Chiến sĩ thi đua cơ sở và có sáng kiến có phạm vi ảnh hưởng trong tỉnh. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('cstd_tinh', 'Chiến sĩ thi đua cấp tỉnh', 'Chiến sĩ thi đua cấp tỉnh', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"title","values":["cstd_co_so"],"years":3},{"type":"count","kind":"initiative","values":["tinh","toan_quoc"],"min":1,"within":3}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: 03 lần liên tục đạt Chiến sĩ thi đua cơ sở và có sáng kiến có phạm vi ảnh hưởng trong tỉnh. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('cstd_toan_quoc', 'Chiến sĩ thi đua toàn quốc', 'Chiến sĩ thi đua toàn quốc', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"title","values":["cstd_tinh"],"years":2},{"type":"count","kind":"initiative","values":["toan_quoc"],"min":1,"within":2}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Chiến sĩ thi đua toàn quốc: 02 lần liên tục đạt Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh và có thành tích, sáng kiến có phạm vi ảnh hưởng toàn quốc. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('cstd_toan_quoc', 'Chiến sĩ thi đua toàn quốc', 'Chiến sĩ thi đua toàn quốc', 'individual', '{"type":"all","of":[{"type":"consecutive","kind":"title","values":["cstd_tinh"],"years":2},{"type":"count","kind":"initiative","values":["toan_quoc"],"min":1,"within":2}]}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Chiến sĩ thi đua toàn quốc: 02 lần liên tục đạt Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh và có thành tích, sáng kiến có phạm vi ảnh hưởng toàn quốc. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('lao_dong_tien_tien', 'Lao động tiên tiến', 'Lao động tiên tiến', 'individual', '{"type":"consecutive","kind":"rating","values":["htxsnv","httnv"],"years":1}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Lao động tiên tiến: hoàn thành tốt nhiệm vụ trở lên trong năm. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('lao_dong_tien_tien', 'Lao động tiên tiến', 'Lao động tiên tiến', 'individual', '{"type":"consecutive","kind":"rating","values":["htxsnv","httnv"],"years":1}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Lao động tiên tiến: hoàn thành tốt nhiệm vụ trở lên trong năm. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('tap_the_ld_xuat_sac', 'Tập thể lao động xuất sắc', 'Tập thể lao động xuất sắc', 'collective', '{"type":"consecutive","kind":"rating","values":["htxsnv"],"years":1}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Tập thể lao động xuất sắc: hoàn thành xuất sắc nhiệm vụ trong năm. Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2024-01-01', '2025-06-30');
--> statement-breakpoint
INSERT INTO `eligibility_rules` (`code`, `name`, `award_form`, `nominee_kind`, `conditions`, `legal_basis`, `source`, `effective_from`, `effective_to`) VALUES ('tap_the_ld_xuat_sac', 'Tập thể lao động xuất sắc', 'Tập thể lao động xuất sắc', 'collective', '{"type":"consecutive","kind":"rating","values":["htxsnv"],"years":1}', 'Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): danh hiệu Tập thể lao động xuất sắc: hoàn thành xuất sắc nhiệm vụ trong năm. Nghị định 152/2025/NĐ-CP (thay Nghị định 98/2023/NĐ-CP từ 01/7/2025); Thông tư 15/2025/TT-BNV.', 'Tổng hợp thứ cấp (DOMAIN.md, mục "Council votes, yearly titles and eligibility"); điều, khoản chưa đối chiếu với văn bản gốc — cần kiểm tra trước khi dùng.', '2025-07-01', NULL);
