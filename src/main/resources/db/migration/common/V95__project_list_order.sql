-- The project lists read one page at a time, newest first (submitted_at DESC, id): the page is found through this
-- index instead of sorting every project of the store for each page.
CREATE INDEX project_submitted_at ON project (submitted_at DESC, id);
