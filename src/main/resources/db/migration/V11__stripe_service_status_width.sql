-- V10 allows a service to be 'needs_attention' (15 characters), but V3 made the column varchar(12).
ALTER TABLE service ALTER COLUMN status TYPE varchar(20);
