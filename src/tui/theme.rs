//! Colours and styles for a dark or light terminal, or none (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};

use crate::config::settings::ThemeName;

/// Every style the views use.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub matched: Style,
    pub current_match: Style,
    pub placeholder: Style,
    pub status: Style,
    pub mode: Style,
    pub error: Style,
    /// Speaker colours; `None` when colour is off.
    pub speakers: Option<[Color; 8]>,
    /// Highlight backgrounds in [`crate::sidecar::Colour::ALL`] order: deep on
    /// dark terminals, pale on light ones, so the text on them stays readable.
    highlights: [Color; 5],
    /// A light background: hashed speaker colours are made dark.
    light: bool,
}

impl Theme {
    #[must_use]
    pub fn new(name: ThemeName, colour: bool) -> Self {
        if !colour {
            return Self {
                text: Style::new(),
                dim: Style::new().add_modifier(Modifier::DIM),
                title: Style::new().add_modifier(Modifier::BOLD),
                heading: Style::new().add_modifier(Modifier::BOLD),
                border: Style::new(),
                border_focused: Style::new().add_modifier(Modifier::BOLD),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                matched: Style::new().add_modifier(Modifier::UNDERLINED),
                current_match: Style::new().add_modifier(Modifier::REVERSED),
                placeholder: Style::new().add_modifier(Modifier::DIM),
                status: Style::new().add_modifier(Modifier::REVERSED),
                mode: Style::new().add_modifier(Modifier::BOLD),
                error: Style::new().add_modifier(Modifier::BOLD),
                speakers: None,
                highlights: [Color::Reset; 5],
                light: false,
            };
        }
        let (fg, dim, accent, selected_bg, status_bg) = match name {
            ThemeName::Dark => {
                (Color::Gray, Color::DarkGray, Color::Cyan, Color::Rgb(45, 55, 72), Color::Rgb(35, 38, 46))
            }
            // Dim text on a light background needs a dark grey: the
            // terminal's "gray" is nearly white on most light palettes.
            ThemeName::Light => (
                Color::Black,
                Color::Rgb(96, 96, 106),
                Color::Blue,
                Color::Rgb(210, 222, 240),
                Color::Rgb(228, 228, 232),
            ),
        };
        let speakers = match name {
            ThemeName::Dark => [
                Color::LightCyan,
                Color::LightYellow,
                Color::LightMagenta,
                Color::LightGreen,
                Color::LightRed,
                Color::LightBlue,
                Color::Rgb(255, 170, 90),
                Color::Rgb(170, 200, 255),
            ],
            ThemeName::Light => [
                Color::Blue,
                Color::Magenta,
                Color::Rgb(0, 120, 60),
                Color::Red,
                Color::Rgb(150, 90, 0),
                Color::Cyan,
                Color::Rgb(120, 0, 160),
                Color::Rgb(0, 90, 140),
            ],
        };
        Self {
            text: Style::new().fg(fg),
            dim: Style::new().fg(dim),
            title: Style::new().fg(fg).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::new().fg(dim),
            border_focused: Style::new().fg(accent),
            selected: Style::new().bg(selected_bg).add_modifier(Modifier::BOLD),
            matched: Style::new().bg(Color::Rgb(110, 90, 20)).fg(Color::White),
            current_match: Style::new().bg(Color::Rgb(230, 170, 30)).fg(Color::Black),
            placeholder: Style::new().fg(Color::Red).add_modifier(Modifier::DIM),
            status: Style::new().bg(status_bg).fg(fg),
            mode: Style::new().bg(accent).fg(Color::Black).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
            speakers: Some(speakers),
            highlights: match name {
                ThemeName::Dark => [
                    Color::Rgb(92, 82, 20),
                    Color::Rgb(30, 80, 40),
                    Color::Rgb(30, 55, 100),
                    Color::Rgb(100, 35, 70),
                    Color::Rgb(70, 40, 100),
                ],
                ThemeName::Light => [
                    Color::Rgb(255, 236, 140),
                    Color::Rgb(190, 235, 190),
                    Color::Rgb(190, 215, 250),
                    Color::Rgb(250, 200, 225),
                    Color::Rgb(225, 205, 250),
                ],
            },
            light: name == ThemeName::Light,
        }
    }

    /// The background style of a highlight colour; `None` when colour is off.
    #[must_use]
    pub fn highlight(&self, colour: crate::sidecar::Colour) -> Option<Style> {
        self.speakers?;
        let index = crate::sidecar::Colour::ALL.iter().position(|c| *c == colour).unwrap_or(0);
        Some(Style::new().bg(self.highlights[index]))
    }

    /// The colour of the speaker at `index` (in order of appearance) in an
    /// article: the palette's colours in turn, so the first eight speakers of
    /// an article never share one; past the palette, a colour hashed from the
    /// name, lighter on dark terminals and darker on light ones.
    #[must_use]
    pub fn speaker(&self, index: usize, name: &str) -> Style {
        let Some(colours) = self.speakers else { return Style::new().add_modifier(Modifier::BOLD) };
        let colour = colours.get(index).copied().unwrap_or_else(|| {
            // A stable hash: the same name keeps its colour from run to run.
            let hash = crate::text::fnv1a(name.as_bytes());
            hashed_colour(hash, if self.light { (0, 140) } else { (120, 255) })
        });
        Style::new().fg(colour).add_modifier(Modifier::BOLD)
    }

    /// With colour off, the letter that tells one highlight colour from
    /// another (shown in the gutter, the legend and the notes list), since
    /// five underlines look alike. `None` when colours show the difference.
    #[must_use]
    pub fn highlight_letter(&self, colour: crate::sidecar::Colour) -> Option<&'static str> {
        use crate::sidecar::Colour;
        if self.speakers.is_some() {
            return None;
        }
        Some(match colour {
            Colour::Yellow => "Y",
            Colour::Green => "G",
            Colour::Blue => "B",
            Colour::Pink => "P",
            // "P" is taken by pink: purple is violet.
            Colour::Purple => "V",
        })
    }
}

/// A colour from `hash` with every channel in `low..=high`: light enough to
/// read on a dark background, or dark enough on a light one.
fn hashed_colour(hash: u64, (low, high): (u8, u8)) -> Color {
    let [r, g, b, ..] = hash.to_le_bytes();
    let band = |byte: u8| {
        let span = u16::from(high - low);
        low + u8::try_from(u16::from(byte) * span / 255).unwrap_or(0)
    };
    Color::Rgb(band(r), band(g), band(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sidecar::Colour;

    /// Relative luminance (WCAG) of an sRGB colour.
    fn luminance(colour: Color) -> f64 {
        let Color::Rgb(r, g, b) = colour else { panic!("{colour:?} is not an exact colour") };
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    #[test]
    fn dim_text_is_readable_on_a_light_background() {
        let theme = Theme::new(ThemeName::Light, true);
        let dim = theme.dim.fg.expect("dim has a colour");
        let contrast = (1.0 + 0.05) / (luminance(dim) + 0.05);
        assert!(contrast >= 4.5, "contrast {contrast:.1} of {dim:?} on white");
    }

    #[test]
    fn speakers_of_one_article_get_distinct_colours_in_both_themes() {
        // Names whose hashes collide on an eight-colour wheel must still differ.
        let names = ["Moderator", "Q", "Ana Ruiz", "李小龙", "Ørjan 👋", "THE CHAIR", "Dr. Ode", "Sen. Vale"];
        for name in [ThemeName::Dark, ThemeName::Light] {
            let theme = Theme::new(name, true);
            let colours: Vec<_> = names.iter().enumerate().map(|(i, n)| theme.speaker(i, n).fg).collect();
            for (i, a) in colours.iter().enumerate() {
                assert!(colours[i + 1..].iter().all(|b| b != a), "{name:?}: {} shares a colour", names[i]);
            }
            // Past the palette: stable, and still a colour.
            let past = theme.speaker(20, "Twenty-first");
            assert_eq!(past, theme.speaker(20, "Twenty-first"));
            assert!(matches!(past.fg, Some(Color::Rgb(..))));
        }
    }

    #[test]
    fn without_colour_every_highlight_has_its_own_letter() {
        let plain = Theme::new(ThemeName::Dark, false);
        let letters: Vec<_> = Colour::ALL.iter().map(|c| plain.highlight_letter(*c).unwrap()).collect();
        let mut unique = letters.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), Colour::ALL.len(), "{letters:?}");
        assert!(Theme::new(ThemeName::Light, true).highlight_letter(Colour::Pink).is_none());
    }
}
