//! The vocabulary of web interfaces: the phrases that buttons, labels,
//! banners and footers use, their kinds, and one automaton that finds them
//! all in a single pass over a block.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A phrase no sentence uses in passing: enough on its own, anywhere in a short body line.
pub(super) const STRONG: u8 = 1;
/// A phrase that heads a list of other stories ("Related", "Most read").
pub(super) const LIST: u8 = 2;
/// A phrase of the owner's line at the foot ("©", "All rights reserved").
pub(super) const OWNER: u8 = 4;
/// An ASCII phrase that must end at a word end too ("vote", not "voters").
const WHOLE: u8 = 8;
/// Found by [`scan`], never in the table: a phrase opens the block (after
/// leading symbols), as on a button or a label.
pub(super) const AT_START: u8 = 16;

/// Phrases of web interfaces, lowercase, with their kinds. ASCII phrases match
/// at the start of a word (and at its end with [`WHOLE`]); others anywhere,
/// since CJK text has no spaces.
const INTERFACE_PHRASES: &[(&str, u8)] = &[
    // Advertising.
    ("advertisement", STRONG),
    ("advertising", STRONG),
    ("advertise", WHOLE),
    ("advertise with", STRONG),
    ("sponsored", STRONG),
    ("paid content", STRONG),
    ("paid post", STRONG),
    ("partner content", STRONG),
    // Accounts, subscriptions, paywalls.
    ("subscribe", STRONG),
    ("subscription", 0),
    ("subscriber", 0),
    ("sign in", STRONG),
    ("sign up", STRONG),
    ("sign-up", STRONG),
    ("sign me up", STRONG),
    ("log in", STRONG),
    ("log-in", STRONG),
    ("login", STRONG),
    ("register", WHOLE),
    ("create an account", STRONG),
    ("have an account", STRONG),
    ("already a", 0),
    ("already have", 0),
    ("free trial", STRONG),
    ("unlimited access", STRONG),
    ("unlock", 0),
    ("last free", STRONG),
    ("free stor", STRONG),
    ("free article", STRONG),
    ("keep reading", STRONG),
    ("continue reading", STRONG),
    ("become a member", STRONG),
    ("membership", 0),
    ("newsletter", STRONG),
    ("your inbox", STRONG),
    ("your email", STRONG),
    ("email address", STRONG),
    ("enter your", 0),
    ("required fields", STRONG),
    // Cookie and consent banners.
    ("cookie", 0),
    ("cookie settings", STRONG),
    ("cookie policy", STRONG),
    ("this site", STRONG),
    ("this website", STRONG),
    ("your device", STRONG),
    ("consent", 0),
    ("accept", WHOLE),
    ("accept all", STRONG),
    ("reject all", STRONG),
    ("manage preferences", STRONG),
    ("manage settings", STRONG),
    ("settings", WHOLE),
    ("preferences", WHOLE),
    ("privacy", 0),
    ("privacy policy", STRONG),
    ("terms", WHOLE),
    ("terms of use", STRONG),
    ("terms of service", STRONG),
    ("terms and conditions", STRONG),
    ("read our", 0),
    ("find out more", 0),
    ("learn more", 0),
    // Sharing and social networks.
    ("share", WHOLE),
    ("share this", STRONG),
    ("share on", STRONG),
    ("share via", STRONG),
    ("share article", STRONG),
    ("share story", STRONG),
    ("share:", STRONG),
    ("spread the word", STRONG),
    ("tell a friend", STRONG),
    ("copy link", STRONG),
    ("email this", STRONG),
    ("email", WHOLE),
    ("e-mail", WHOLE),
    ("print this", STRONG),
    ("print", WHOLE),
    ("tweet", 0),
    ("facebook", 0),
    ("linkedin", 0),
    ("whatsapp", 0),
    ("reddit", 0),
    ("pinterest", 0),
    ("tumblr", 0),
    ("telegram", WHOLE),
    ("mastodon", 0),
    ("bluesky", 0),
    ("instagram", 0),
    ("follow us", STRONG),
    ("like this", STRONG),
    // Ratings and comments.
    ("rate this", STRONG),
    ("rate it", STRONG),
    ("rating", 0),
    ("your rating", STRONG),
    ("score this", STRONG),
    ("your score", STRONG),
    ("vote", WHOLE),
    ("votes", WHOLE),
    ("vote count", STRONG),
    ("no votes", STRONG),
    ("a star to", STRONG),
    ("star", WHOLE),
    ("stars", WHOLE),
    ("be the first", STRONG),
    ("leave a comment", STRONG),
    ("leave a reply", STRONG),
    ("post a comment", STRONG),
    ("comments are closed", STRONG),
    ("comment", WHOLE),
    ("comments", WHOLE),
    ("reply", WHOLE),
    ("replies", WHOLE),
    ("responses to", 0),
    ("your thoughts", 0),
    // Other stories.
    ("related", LIST),
    ("read more", STRONG | LIST),
    ("read next", STRONG | LIST),
    ("also read", STRONG | LIST),
    ("see also", LIST),
    ("more news", STRONG | LIST),
    ("more stories", STRONG | LIST),
    ("more from", LIST),
    ("more in", WHOLE | LIST),
    ("most popular", STRONG | LIST),
    ("most read", STRONG | LIST),
    ("most viewed", STRONG | LIST),
    ("most shared", STRONG | LIST),
    ("trending", LIST),
    ("recommended", LIST),
    ("recommended for you", STRONG | LIST),
    ("you may also", STRONG | LIST),
    ("you might also", STRONG | LIST),
    ("don't miss", STRONG | LIST),
    ("top stories", STRONG | LIST),
    ("editor's picks", STRONG | LIST),
    // Article furniture.
    ("this article", STRONG),
    ("this story", STRONG),
    ("this post", STRONG),
    ("this page", STRONG),
    ("this transcript", STRONG),
    ("this video", STRONG),
    ("article continues", STRONG),
    ("story continues", STRONG),
    ("continues below", STRONG),
    ("continues after", STRONG),
    ("listen to this", STRONG),
    ("save for later", STRONG),
    ("save article", STRONG),
    ("save story", STRONG),
    ("bookmark", 0),
    ("reading time", STRONG),
    ("min read", STRONG),
    ("mins read", STRONG),
    ("minute read", STRONG),
    ("posted in", 0),
    ("filed under", STRONG),
    ("tagged", 0),
    ("tags:", STRONG),
    ("categories:", STRONG),
    ("category:", STRONG),
    ("topics:", STRONG),
    ("permalink", STRONG),
    ("previous post", STRONG),
    ("next post", STRONG),
    ("previous article", STRONG),
    ("next article", STRONG),
    ("previous story", STRONG),
    ("next story", STRONG),
    ("older post", STRONG),
    ("newer post", STRONG),
    ("older entr", STRONG),
    ("newer entr", STRONG),
    ("licensing rights", STRONG),
    ("reprints", STRONG),
    ("our standards", 0),
    ("editorial standards", STRONG),
    ("got a story", STRONG),
    ("got a tip", STRONG),
    ("newsroom", 0),
    ("contact us", STRONG),
    ("contact", WHOLE),
    // Navigation and page machinery.
    ("click", WHOLE),
    ("click here", STRONG),
    ("tap here", STRONG),
    ("skip to", STRONG),
    ("menu", WHOLE),
    ("navigation", WHOLE),
    ("back to top", STRONG),
    ("back to", 0),
    ("return to", 0),
    ("an official website", STRONG),
    ("not supported", STRONG),
    ("browser", 0),
    ("javascript", 0),
    ("loading", 0),
    ("powered by", STRONG),
    ("watch live", STRONG),
    ("listen", WHOLE),
    ("download", 0),
    ("playlist", WHOLE),
    ("live updates", STRONG),
    ("download the app", STRONG),
    ("get the app", STRONG),
    ("app store", STRONG),
    ("google play", STRONG),
    // Donations.
    ("patreon", STRONG),
    ("patron", WHOLE),
    ("become a patron", STRONG),
    ("donate", 0),
    ("donation", 0),
    ("support us", STRONG),
    ("support our", 0),
    ("buy me a coffee", STRONG),
    ("ko-fi", STRONG),
    ("tip jar", STRONG),
    // The owner's line.
    ("©", STRONG | OWNER),
    ("copyright", OWNER),
    ("all rights reserved", STRONG | OWNER),
    // Chinese, Japanese, Korean.
    ("广告", STRONG),
    ("広告", STRONG),
    ("광고", STRONG),
    ("订阅", STRONG),
    ("購読", STRONG),
    ("구독", STRONG),
    ("登录", STRONG),
    ("ログイン", STRONG),
    ("로그인", STRONG),
    ("会員登録", STRONG),
    ("分享", STRONG),
    ("シェア", STRONG),
    ("でポスト", STRONG),
    ("ツイート", 0),
    ("共有", 0),
    ("공유", 0),
    ("收藏", 0),
    ("ブックマーク", 0),
    ("点赞", 0),
    ("いいね", 0),
    ("评论", 0),
    ("コメント", 0),
    ("댓글", 0),
    ("扫码", STRONG),
    ("关注我们", STRONG),
    ("フォロー", 0),
    ("责任编辑", STRONG),
    ("上一篇", STRONG),
    ("下一篇", STRONG),
    ("続きを読む", STRONG),
    ("相关", LIST),
    ("関連", LIST),
    ("관련", LIST),
    ("阅读更多", STRONG | LIST),
    ("もっと見る", STRONG | LIST),
    ("推荐", LIST),
    ("おすすめ", LIST),
    ("热门", LIST),
    ("ランキング", LIST),
    ("排行", LIST),
    ("人気記事", STRONG | LIST),
    ("版权", STRONG | OWNER),
    ("著作権", STRONG | OWNER),
    ("저작권", STRONG | OWNER),
    ("未经授权", STRONG),
    ("转载", 0),
];

/// All interface phrases in one automaton: one pass over a block instead of
/// one per phrase. A DFA: a few hundred phrases make a small one, and it is the
/// fastest to run over a million short blocks.
static INTERFACE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(INTERFACE_PHRASES.iter().map(|(phrase, _)| phrase))
        .expect("the phrase list builds")
});

/// What the interface phrases in a block say: how many, and of which kinds
/// ([`STRONG`], [`OWNER`], [`AT_START`], and [`LIST`] only at the start).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Interface {
    pub(super) hits: u8,
    kinds: u8,
}

impl Interface {
    pub(super) fn has(self, kind: u8) -> bool {
        self.kinds & kind != 0
    }
}

pub(super) fn scan(text: &str) -> Interface {
    let lead = text.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    let mut found = Interface::default();
    for m in INTERFACE.find_overlapping_iter(text) {
        let (phrase, kind) = INTERFACE_PHRASES[m.pattern().as_usize()];
        if phrase.is_ascii() {
            let starts_word = text[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let ends_word = text[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !starts_word || (kind & WHOLE != 0 && !ends_word) {
                continue;
            }
        }
        found.hits = found.hits.saturating_add(1);
        found.kinds |= kind & (STRONG | OWNER);
        if m.start() <= lead {
            found.kinds |= AT_START | (kind & LIST);
        }
    }
    found
}
