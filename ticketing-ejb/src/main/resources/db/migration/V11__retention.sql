-- Personal data is kept for a set number of days after an event ends (DPDP Act, 2023), then the
-- registrations are anonymised: name, phone, e-mail and person gone, the counts kept.
ALTER TABLE registration ADD COLUMN anonymised_at timestamptz;
-- The retention job looks only at registrations not yet anonymised.
CREATE INDEX registration_not_anonymised ON registration (slot_id) WHERE anonymised_at IS NULL;
