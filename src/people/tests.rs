use super::corrections::{Merge, Rename, Split};
use super::*;

fn mention(article: &str, date: &str, speaker: &str, words: usize) -> Mention {
    Mention {
        article: article.to_owned(),
        date: Some(date.to_owned()),
        speaker: speaker.to_owned(),
        aliases: Vec::new(),
        given: None,
        turns: 1,
        words,
    }
}

fn library() -> Vec<Mention> {
    vec![
        mention("briefing-1.txt", "2025-03-01", "Ms. Jean-Pierre", 100),
        mention("briefing-1.txt", "2025-03-01", "Moderator", 10),
        mention("briefing-1.txt", "2025-03-01", "Q", 30),
        mention("story-1.md", "2025-03-02", "Karine Jean-Pierre", 20),
        mention("story-2.md", "2025-04-10", "Jean-Pierre", 5),
        mention("briefing-2.txt", "2025-05-01", "Moderator", 12),
        mention("briefing-2.txt", "2025-05-01", "Senior Administration Official", 50),
        mention("story-3.md", "2025-06-01", "王晓红", 7),
        mention("story-4.md", "2025-06-02", "王晓红", 9),
        mention("story-5.md", "2025-06-03", "Ana 🌊 Ruiz", 4),
    ]
}

fn person<'a>(d: &'a Directory, name: &str) -> &'a Person {
    d.persons().find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}: {:#?}", d.people))
}

#[test]
fn name_forms_of_one_person_are_merged_and_roles_stay_per_article() {
    let (d, problems) = Directory::build(library(), &Corrections::default());
    assert!(problems.is_empty());
    let kjp = person(&d, "Karine Jean-Pierre");
    assert_eq!(kjp.articles, 3);
    assert_eq!(kjp.words, 125);
    assert_eq!((kjp.first.as_deref(), kjp.last.as_deref()), (Some("2025-03-01"), Some("2025-04-10")));
    assert!(kjp.aliases.contains(&"Ms. Jean-Pierre".to_owned()) && kjp.aliases.contains(&"Jean-Pierre".to_owned()));
    assert_eq!(person(&d, "王晓红").articles, 2);
    assert_eq!(person(&d, "Ana 🌊 Ruiz").words, 4);
    let roles: Vec<&str> = d.people.iter().filter(|p| p.role).map(|p| p.name.as_str()).collect();
    assert_eq!(roles.iter().filter(|n| **n == "Moderator").count(), 2, "one Moderator per article: {roles:?}");
    assert!(roles.contains(&"Q") && roles.contains(&"Senior Administration Official"));
    assert_eq!(d.persons().count(), 3);
}

#[test]
fn a_look_alike_with_another_given_name_stays_apart() {
    let mut mentions = library();
    mentions.push(mention("story-6.md", "2025-07-01", "Louis Jean-Pierre", 40));
    // A bare surname is now ambiguous, except where its own article names one of them.
    mentions.push(mention("story-6.md", "2025-07-01", "Jean-Pierre", 3));
    let (d, _) = Directory::build(mentions, &Corrections::default());
    let louis = person(&d, "Louis Jean-Pierre");
    assert_eq!((louis.articles, louis.words), (1, 43));
    let karine = person(&d, "Karine Jean-Pierre");
    assert_eq!(karine.words, 20, "only the story that names her");
    assert!(!karine.aliases.iter().any(|a| a.contains("Louis")));
    // `Ms. Jean-Pierre` of briefing-1 and the bare one of story-2 cannot be told apart: kept together, apart from both.
    let bare = d.persons().find(|p| p.mentions.iter().any(|&m| d.mentions[m].article == "briefing-1.txt")).unwrap();
    assert_eq!(bare.words, 105);
    assert_eq!(d.find("Louis Jean-Pierre"), d.people.iter().position(|p| p.name == "Louis Jean-Pierre"));
}

#[test]
fn corrections_split_rename_and_merge() {
    let corrections = Corrections {
        split: vec![Split { name: "Jean-Pierre".into(), article: Some("story-2.md".into()) }],
        rename: vec![Rename { from: "Ms. Jean-Pierre".into(), to: "KJP".into() }],
        merge: vec![
            Merge { from: "Ana 🌊 Ruiz".into(), into: "王晓红".into() },
            Merge { from: "Nobody Atall".into(), into: "KJP".into() },
        ],
    };
    let (d, problems) = Directory::build(library(), &corrections);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("Nobody Atall"));
    let kjp = person(&d, "KJP");
    assert_eq!(kjp.words, 120, "the split-off form is gone");
    assert!(kjp.aliases.contains(&"Karine Jean-Pierre".to_owned()));
    assert_eq!(person(&d, "Jean-Pierre").words, 5);
    let wang = person(&d, "王晓红");
    assert_eq!((wang.articles, wang.words), (3, 20));
    assert!(wang.aliases.contains(&"Ana 🌊 Ruiz".to_owned()));
    assert!(d.persons().all(|p| p.name != "Ana 🌊 Ruiz"));
}

#[test]
fn an_initial_joins_the_one_full_name_it_fits() {
    let mentions = vec![
        mention("a.txt", "2025-01-01", "K. Jean-Pierre", 1),
        mention("b.txt", "2025-01-02", "Karine Jean-Pierre", 1),
        mention("c.txt", "2025-01-03", "L. Jean-Pierre", 1),
    ];
    let (d, _) = Directory::build(mentions, &Corrections::default());
    assert_eq!(person(&d, "Karine Jean-Pierre").articles, 2);
    assert_eq!(person(&d, "L. Jean-Pierre").articles, 1);
}
