//! The speaker filter: which speakers are shown, and how the others are treated.

use crate::config::settings::FilterMode;
use crate::speaker::{Attribution, SpeakerId};

/// The speaker pane's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerFilter {
    /// Shown or not, per speaker of the open article.
    pub shown: Vec<bool>,
    /// Speakers in the order the pane lists them (first appearance).
    pub order: Vec<SpeakerId>,
    /// Index into `order` of the selected row.
    pub selected: usize,
    pub mode: FilterMode,
    pub keep_questions: bool,
    /// Per speaker, its place in `order`: speakers take colours in this order.
    rank: Vec<usize>,
    /// Columns the pane's content wants (borders included), for [`super::screen`].
    pub wanted_width: u16,
}

impl SpeakerFilter {
    #[must_use]
    pub fn new(mode: FilterMode, keep_questions: bool) -> Self {
        Self {
            shown: Vec::new(),
            order: Vec::new(),
            selected: 0,
            mode,
            keep_questions,
            rank: Vec::new(),
            wanted_width: 0,
        }
    }

    /// Starts over for a newly opened article: everyone shown.
    pub fn reset(&mut self, attribution: &Attribution) {
        self.shown = vec![true; attribution.speakers.len()];
        self.order = attribution.by_appearance();
        self.selected = 0;
        self.rank = vec![0; attribution.speakers.len()];
        for (place, id) in self.order.iter().enumerate() {
            if let Some(rank) = self.rank.get_mut(id.0) {
                *rank = place;
            }
        }
        // Square, name, marks, turns and share (12 columns), borders.
        let longest = attribution.speakers.iter().map(|s| crate::text::display_width(&s.name)).max().unwrap_or(0);
        self.wanted_width = u16::try_from(longest + 2 + 2 + 12 + 2).unwrap_or(u16::MAX);
    }

    /// The place of `id` in the pane's order, which picks its colour: the
    /// speakers of one article never share a colour while the palette lasts.
    #[must_use]
    pub fn colour_index(&self, id: SpeakerId) -> usize {
        self.rank.get(id.0).copied().unwrap_or(id.0)
    }

    #[must_use]
    pub fn is_shown(&self, id: SpeakerId) -> bool {
        self.shown.get(id.0).copied().unwrap_or(true)
    }

    /// Whether some speaker is filtered out.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.shown.iter().any(|s| !s)
    }

    #[must_use]
    pub fn shown_count(&self) -> usize {
        self.shown.iter().filter(|s| **s).count()
    }

    #[must_use]
    pub fn selected_speaker(&self) -> Option<SpeakerId> {
        self.order.get(self.selected).copied()
    }

    pub fn toggle_selected(&mut self) {
        if let Some(id) = self.selected_speaker() {
            self.shown[id.0] = !self.shown[id.0];
        }
    }

    pub fn only_selected(&mut self) {
        if let Some(id) = self.selected_speaker() {
            for (i, shown) in self.shown.iter_mut().enumerate() {
                *shown = i == id.0;
            }
        }
    }

    pub fn show_all(&mut self) {
        self.shown.fill(true);
    }
}
