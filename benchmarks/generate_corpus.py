"""Write a deterministic corpus of supplement articles of our own making.

    python benchmarks/generate_corpus.py OUT_DIR --files 2000 --size-kb 10 [--seed 1] [--claim-share 0.167]

Half Markdown, half plain text; each article mixes neutral, hedged sentences with the
claims claimlint looks for (about one claim in six sentences, as in real marketing
copy), about several supplements, so every rule kind has work to do. The same
arguments always produce the same bytes.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

INGREDIENTS = ["magnesium", "zinc", "vitamin D", "melatonin", "ashwagandha", "CBD", "probiotics",
               "omega-3", "elderberry", "collagen", "iron", "vitamin C", "turmeric", "creatine"]
FORMS = ["glycinate", "citrate", "picolinate", "liposomal", "chelated", "extended-release"]
NEUTRAL = [
    "{ing} is found in many foods, and most people get some from their diet.",
    "The body uses {ing} in several processes that researchers are still mapping.",
    "Intake varies with age, sex and what a person usually eats.",
    "Some people notice no difference at all, and that is normal.",
    "Labels list the amount per serving, which is not always the amount per capsule.",
    "A varied diet with vegetables, legumes and whole grains covers most needs.",
    "{ing} supplements come as capsules, powders, gummies and drops.",
    "If you take prescription medicines, check for interactions with a pharmacist.",
    "Small trials of {ing} have reported mixed results (Lee et al., 2021).",
    "{ing} may support normal energy levels as part of a balanced diet.",
    "Evidence for {ing} in healthy adults is limited and of moderate quality.",
    "Quality varies between brands, so look for third-party testing.",
    "Generally, {ing} is well tolerated at the doses on the label.",
    "Experts disagree on whether routine supplementation helps people who are not deficient.",
]
CLAIMS = [
    "{ing} is clinically proven to work for everyone.",
    "Our {ing} formula has no side effects and is completely safe.",
    "Studies show {ing} {form} boosts energy in days.",
    "{ing} cures insomnia and prevents migraines naturally.",
    "Take 800 mg of {ing} every night for the best results.",
    "Research has consistently shown that {ing} is the best supplement for stress.",
    "{ing} {form} is a science-backed option for deep sleep.",
    "Use code SAVE20 to get 20% off our {ing} gummies today.",
    "{ing} takes part in over 600 reactions in the body.",
    "Users report up to 3x more restorative sleep with {ing}.",
    "{ing} reverses arthritis and lowers blood pressure.",
    "Magnesium increases deep sleep, so you wake refreshed.",
]
HEADINGS = ["Why it matters", "What the research says", "How to take it", "Who should be careful", "The bottom line"]


CLAIM_SHARE = 1 / 6


def sentence(rng: random.Random, ing: str) -> str:
    pool = CLAIMS if rng.random() < CLAIM_SHARE else NEUTRAL
    return rng.choice(pool).format(ing=ing, form=rng.choice(FORMS)).replace("{ing}", ing)


def article(rng: random.Random, size: int, markdown: bool) -> str:
    ing = rng.choice(INGREDIENTS)
    parts = [f"# {ing.title()} and your health\n\n" if markdown else f"{ing.title()} and your health\n\n"]
    length = len(parts[0])
    while length < size:
        heading = rng.choice(HEADINGS)
        block = [f"## {heading}\n\n" if markdown else f"{heading}\n\n"]
        for _ in range(rng.randint(2, 4)):
            para = " ".join(sentence(rng, ing) for _ in range(rng.randint(2, 6)))
            block.append(f"{para}\n\n")
        if markdown and rng.random() < 0.3:
            block.append("".join(f"- {sentence(rng, ing)}\n" for _ in range(3)) + "\n")
        if markdown and rng.random() < 0.1:
            block.append("```\nexample code that claims no side effects\n```\n\n")
        text = "".join(block)
        parts.append(text)
        length += len(text)
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--size-kb", type=float, default=10.0, help="average article size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claim-share", type=float, default=1 / 6,
                        help="share of sentences that make a claim (0: copy already cleaned up)")
    args = parser.parse_args()
    global CLAIM_SHARE
    CLAIM_SHARE = args.claim_share
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(args.files):
        markdown = index % 2 == 0
        size = int(args.size_kb * 1024 * rng.uniform(0.5, 1.5))
        text = article(rng, size, markdown)
        folder = args.out / f"section-{index % 20:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"article-{index:05d}.{'md' if markdown else 'txt'}").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"wrote {args.files} articles, {total / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
