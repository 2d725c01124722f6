use super::*;

#[allow(clippy::unnecessary_wraps)] // table rows compare with `Option<HandOff>`
fn reporter(name: &str, outlet: Option<&str>) -> Option<HandOff> {
    Some(HandOff::Reporter { name: name.to_owned(), outlet: outlet.map(str::to_owned) })
}

#[test]
fn hand_offs_parse_to_a_typed_result() {
    let cases: &[(&str, Option<HandOff>)] = &[
        (
            "Our first question is going to go to Mira Solberg with the Harbor Gazette today.",
            reporter("Mira Solberg", Some("Harbor Gazette")),
        ),
        ("Great.  Our next question will go to Tomas Varga.", reporter("Tomas Varga", None)),
        ("Next, we’ll go to Ilse with the HT.", reporter("Ilse", Some("HT"))),
        ("We’ll go with Dana Ruiz from the Ledger.", reporter("Dana Ruiz", Some("Ledger"))),
        ("Dana, you have the first question.", reporter("Dana", None)),
        ("Let’s go\nto Dana Ruiz at the Ledger.", reporter("Dana Ruiz", Some("Ledger"))),
        ("下一个问题。We’ll go\u{a0}to Dana Ruiz 🎙.", reporter("Dana Ruiz", None)),
        ("If I may invite Mr. Oyelaran of the Courier.", reporter("Oyelaran", Some("Courier"))),
        ("Mr. Oyelaran, with the Courier.", reporter("Oyelaran", Some("Courier"))),
        ("Okay. Farid, with the Ledger.", reporter("Farid", Some("Ledger"))),
        (
            "Next is from Priya Halvorsen at Freight & Tide Weekly.",
            reporter("Priya Halvorsen", Some("Freight & Tide Weekly")),
        ),
        ("Our next question goes to Ana Ruiz with Salt & Light.", reporter("Ana Ruiz", Some("Salt & Light"))),
        ("Thank you. Next question is Peter Quill. You may go ahead.", reporter("Peter Quill", None)),
        ("Our next question is from Sabine Roux, Wall Street Journal.", reporter("Sabine Roux", None)),
        ("We have Lena Ortiz from NBC News.", reporter("Lena Ortiz", Some("NBC News"))),
        ("Great. Farid.", reporter("Farid", None)),
        ("Zeke Ruiz, AP.", reporter("Zeke Ruiz", Some("AP"))),
        ("Okay, we will come back to you.  We’ll go to Patsy right now.", reporter("Patsy", None)),
        ("IRS.  Okay.  Go ahead.", Some(HandOff::Unnamed)),
        ("Karen?", reporter("Karen", None)),
        ("Zeke, want to kick it off?", reporter("Zeke", None)),
        ("Bloomberg, go ahead.", Some(HandOff::Outlet("Bloomberg".to_owned()))),
        ("Go ahead, in the back.", Some(HandOff::Unnamed)),
        ("Go ahead. What else?", Some(HandOff::Unnamed)),
        ("We’re going to go to Denver for the weather.", None),
        ("I’m just going to hand it right over to [senior administration official].", None),
        ("I will stop there and turn it back to you.", None),
        ("Let’s go to Zoë Ångström of Dagens Nyheter 📰.", reporter("Zoë Ångström", Some("Dagens Nyheter"))),
        ("With that, go ahead, Farid.", reporter("Farid", None)),
        ("Yes, Odile.", reporter("Odile", None)),
        ("Next we go to 李明 from Xinhua.", None),
        ("With that, Zeke, kick it off.", reporter("Zeke", None)),
        ("And with that, Yuki, go ahead.", reporter("Yuki", None)),
        ("Okay, Søren, you have the floor 🎤.", reporter("Søren", None)),
        ("I met the minister, Ruiz, you know, last week.", None),
        ("With that, 王芳, go ahead.", Some(HandOff::Unnamed)),
        ("Oh, it looks like we were muted the whole time. Apologies.", None),
        ("We lost the line there. Cheers.", None),
        ("Congratulations. 🎉", None),
        ("Sorry, go on. Understood.", None),
        ("I said that, Tuesday.", None),
        ("Thanks, everybody.", None),
        ("That was a good trip. Thank you.", None),
    ];
    for (text, want) in cases {
        assert_eq!(hand_off(text), *want, "{text:?}");
    }
}

#[test]
fn reporters_introduce_themselves() {
    let cases: &[(&str, Option<HandOff>)] = &[
        ("Hi, Gemma Lutz with Northline Radio. Just on visas –", reporter("Gemma Lutz", Some("Northline Radio"))),
        ("Thanks. Different topic.", None),
        ("Yes, this is Kenji Mori from the Asahi 日本. Question:", reporter("Kenji Mori", Some("Asahi"))),
        ("Thank you. Oren Falk here. I wanted to ask", reporter("Oren Falk", None)),
        ("Hi, I’m Ade Bello of Radio Lagos. First", reporter("Ade Bello", Some("Radio Lagos"))),
        ("Mirai, Tokai News. On the summit 🙂", reporter("Mirai", Some("Tokai News"))),
        ("(As interpreted.)  Hi, I’m Ade Bello of Radio Lagos.", reporter("Ade Bello", Some("Radio Lagos"))),
        ("Thank you, Mr. Secretary. I’m with River Radio, and", None),
        ("I’m Tove Lindqvist, with the Harbor Ledger.", reporter("Tove Lindqvist", Some("Harbor Ledger"))),
        ("王芳, with the Tide Post 🌊.", None),
        ("Do you agree with the Senate?", None),
    ];
    for (text, want) in cases {
        assert_eq!(self_introduction(text), *want, "{text:?}");
    }
}

#[test]
fn officials_ask_who_a_reporter_is() {
    let cases: &[(&str, bool)] = &[
        ("Who are you with?", true),
        ("Who? Who are you with, by the way?", true),
        ("What’s your name? 🙂", true),
        ("Who are you going to believe, them or me?", false),
        ("Who knows.", false),
        ("你是谁?", false),
    ];
    for (text, want) in cases {
        assert_eq!(asks_who(text), *want, "{text:?}");
    }
}

#[test]
fn answers_name_the_reporter_afterwards() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Difficult to know, Oskar. I mean, it depends.", Some("Oskar")),
        ("I wonder why you would ask, Tamsin. (Laughter.)", Some("Tamsin")),
        ("Thanks, Nadia. The ceasefire holds.", Some("Nadia")),
        ("I’d just add, Gordon — it is early.", Some("Gordon")),
        ("Look, sir, that is not true.", None),
        ("Thank you, everybody.", None),
        ("We said so in March, Tuesday or so.", None),
        ("有意思, 王芳.", None),
    ];
    for (text, want) in cases {
        assert_eq!(named_in_answer(text).as_deref(), *want, "{text:?}");
    }
}
