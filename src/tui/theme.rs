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
            };
        }
        let (fg, dim, accent, selected_bg, status_bg) = match name {
            ThemeName::Dark => {
                (Color::Gray, Color::DarkGray, Color::Cyan, Color::Rgb(45, 55, 72), Color::Rgb(35, 38, 46))
            }
            ThemeName::Light => {
                (Color::Black, Color::Gray, Color::Blue, Color::Rgb(210, 222, 240), Color::Rgb(228, 228, 232))
            }
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
        }
    }

    /// The background style of a highlight colour; `None` when colour is off.
    #[must_use]
    pub fn highlight(&self, colour: crate::sidecar::Colour) -> Option<Style> {
        self.speakers?;
        let index = crate::sidecar::Colour::ALL.iter().position(|c| *c == colour).unwrap_or(0);
        Some(Style::new().bg(self.highlights[index]))
    }

    /// A stable colour per speaker name: the same person has the same colour in every article.
    #[must_use]
    pub fn speaker(&self, name: &str) -> Style {
        let Some(colours) = self.speakers else { return Style::new().add_modifier(Modifier::BOLD) };
        // A stable hash: the same person keeps their colour from run to run.
        let hash = crate::text::fnv1a(name.as_bytes());
        Style::new().fg(colours[(hash % colours.len() as u64) as usize]).add_modifier(Modifier::BOLD)
    }
}
