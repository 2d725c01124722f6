//! Where each pane goes for a terminal size: three panes when wide, the
//! reader alone (side panes as overlays) when narrow, a message when tiny.
//! Pure arithmetic, shared by drawing and by mouse hit-testing.

/// A rectangle of terminal cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    #[must_use]
    pub const fn contains(self, column: u16, row: u16) -> bool {
        column >= self.x
            && column < self.x.saturating_add(self.width)
            && row >= self.y
            && row < self.y.saturating_add(self.height)
    }

    /// The area inside a one-cell border.
    #[must_use]
    pub const fn inner(self) -> Self {
        Self {
            x: self.x + 1,
            y: self.y + 1,
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }
}

/// The terminal is at least this wide and tall, or gloss asks for more room.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// From this width the three panes sit side by side.
pub const THREE_PANES: u16 = 120;
const LIBRARY_WIDTH: u16 = 32;
const SPEAKERS_WIDTH: u16 = 30;
/// Side panes take the width their content wants, within these limits
/// (columns, borders included), and together at most half the screen.
const LIBRARY_LIMITS: (u16, u16) = (24, 32);
const SPEAKERS_LIMITS: (u16, u16) = (22, 48);
/// Columns of the speaker-colour gutter left of the text.
pub const GUTTER: u16 = 2;

/// The panes' places on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    pub library: Option<Area>,
    pub reader: Area,
    pub speakers: Option<Area>,
    pub status: Area,
    /// Side panes drawn over the reader rather than beside it.
    pub overlays: bool,
    pub too_small: bool,
}

/// Lays out a `width` × `height` terminal with side panes of the default widths.
#[must_use]
pub fn screen(width: u16, height: u16, show_library: bool, show_speakers: bool) -> Screen {
    screen_sized(width, height, show_library.then_some(LIBRARY_WIDTH), show_speakers.then_some(SPEAKERS_WIDTH))
}

/// Lays out a `width` × `height` terminal; `library` and `speakers` are the
/// widths the shown side panes' content wants (`None`: hidden).
#[must_use]
pub fn screen_sized(width: u16, height: u16, library: Option<u16>, speakers: Option<u16>) -> Screen {
    let (show_library, show_speakers) = (library.is_some(), speakers.is_some());
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen { too_small: true, ..Screen::default() };
    }
    let body = height - 1;
    let status = Area { x: 0, y: body, width, height: 1 };
    let full = Area { x: 0, y: 0, width, height: body };
    if width >= THREE_PANES {
        let mut left = library.map_or(0, |w| w.clamp(LIBRARY_LIMITS.0, LIBRARY_LIMITS.1));
        let mut right = speakers.map_or(0, |w| w.clamp(SPEAKERS_LIMITS.0, SPEAKERS_LIMITS.1));
        // The reader keeps at least half the screen; the side panes share the rest by their wants.
        let budget = width - width / 2;
        if left + right > budget {
            let shrunk = u32::from(left) * u32::from(budget) / u32::from(left + right);
            left = u16::try_from(shrunk).unwrap_or(left);
            right = if right == 0 { 0 } else { budget - left };
        }
        let library = show_library.then_some(Area { width: left, ..full });
        let speakers = show_speakers.then_some(Area { x: width - right, width: right, ..full });
        let left = library.map_or(0, |a| a.width);
        let right = speakers.map_or(0, |a| a.width);
        let reader = Area { x: left, width: width - left - right, ..full };
        return Screen { library, reader, speakers, status, overlays: false, too_small: false };
    }
    let side = (width * 2 / 3).clamp(MIN_WIDTH.min(width), 48);
    let library = show_library.then_some(Area { width: side, ..full });
    let speakers = show_speakers.then_some(Area { x: width - side, width: side, ..full });
    Screen { library, reader: full, speakers, status, overlays: true, too_small: false }
}

/// The text width of the reader pane, in display columns, for a maximum measure.
#[must_use]
pub fn text_width(reader: Area, max_width: u16, margin: u16) -> u16 {
    reader.inner().width.saturating_sub(2 * margin + GUTTER).clamp(1, max_width.max(1))
}

/// First list row shown so that `selected` is visible in `rows` rows of `item_height`.
#[must_use]
pub fn list_offset(selected: usize, visible_rows: u16, item_height: u16) -> usize {
    let fit = usize::from((visible_rows / item_height.max(1)).max(1));
    selected.saturating_sub(fit - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_by_size() {
        let wide = screen(160, 48, true, true);
        assert_eq!(wide.library.unwrap().width, 32);
        assert_eq!(wide.speakers.unwrap().x, 130);
        assert_eq!(wide.reader, Area { x: 32, y: 0, width: 98, height: 47 });
        let narrow = screen(80, 24, false, false);
        assert_eq!(narrow.reader.width, 80);
        assert!(narrow.library.is_none() && narrow.overlays);
        assert!(screen(80, 24, true, false).library.is_some());
        for (w, h) in [(0, 0), (1, 1), (23, 24), (80, 5)] {
            assert!(screen(w, h, true, true).too_small, "{w}x{h}");
        }
    }

    #[test]
    fn side_panes_take_their_contents_width_within_limits() {
        // (terminal width, library wants, speakers wants) → (library, speakers)
        let cases = [
            (160, 60, 45, 32, 45),
            (160, 10, 10, 24, 22),
            (160, 30, 90, 30, 48),
            (120, 60, 60, 24, 36),
            (120, 28, 24, 28, 24),
        ];
        for (width, wants_library, wants_speakers, library, speakers) in cases {
            let s = screen_sized(width, 40, Some(wants_library), Some(wants_speakers));
            assert_eq!((s.library.unwrap().width, s.speakers.unwrap().width), (library, speakers), "{width}");
            assert!(s.reader.width >= width / 2, "{width}: the reader keeps half");
            assert_eq!(s.reader.x, library);
            assert_eq!(s.speakers.unwrap().x + speakers, width);
        }
        let only = screen_sized(160, 40, None, Some(40));
        assert_eq!((only.reader.x, only.reader.width), (0, 120));
    }

    #[test]
    fn text_is_never_wider_than_the_measure_or_the_pane() {
        let reader = Area { x: 0, y: 0, width: 200, height: 10 };
        assert_eq!(text_width(reader, 90, 2), 90);
        let thin = Area { x: 0, y: 0, width: 30, height: 10 };
        assert_eq!(text_width(thin, 90, 2), 22);
        assert_eq!(text_width(Area::default(), 90, 2), 1);
    }
}
