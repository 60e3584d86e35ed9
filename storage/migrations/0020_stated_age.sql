-- Without e-ID a patient seeking care for themselves tells us their age once; it is kept on
-- their own subject (age_months, as for a child) with the time it was said, so that the next
-- case counts on from it instead of asking again.
ALTER TABLE subjects ADD COLUMN age_given_at TEXT;
