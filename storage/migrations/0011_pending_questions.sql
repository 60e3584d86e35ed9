-- Red-flag questions to ask before anything else, because the patient's own words pointed at
-- them ("ont i bröstet"): comma-separated linkIds. A keyword never decides; it only asks.
ALTER TABLE cases ADD COLUMN pending_items TEXT NOT NULL DEFAULT '';
