-- A line in a case's record that could be read only after its author had been asked to write it
-- again (a Matrix message whose room key came late): when it was written, as its platform says.
-- The core kept it and acted on nothing in it; the clinician's summary shows it as late.
-- NULL for every line read as it came (then `at` is when it was written, near enough).
ALTER TABLE messages ADD COLUMN written_at TEXT;
