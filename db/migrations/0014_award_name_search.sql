-- The names alone, in a small full-text index of their own (lib/search-index.ts keeps it beside award_search):
-- `name` is the folded name as in award_search; `words` its words and each pair of neighbouring words as one
-- word ("ho minh phuc ho_minh minh_phuc"), so the words typed in order are found by their rare pairs instead of
-- walking every award that has the common words — a nation's names share them with its achievements ("Lâm
-- Thành Minh" / "làm … thành … minh"). No positions (detail=none). Filled from award_search by
-- rebuildNameIndex() when the start script finds it empty.
CREATE VIRTUAL TABLE `award_name_search` USING fts5(`name` UNINDEXED, `words`, tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_''', detail = 'none');
