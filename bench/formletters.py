"""Shared test data for the consultation benchmarks: campaign form letters copied with realistic Persian
variation (names added, sentences dropped, ي/ك, ZWNJ, mixed digits, diacritics, typos) plus individual
comments, with the true group of each text so grouping can be scored (pairwise F1)."""

import random

SUBJECTS = ["این ماده", "تبصره یک", "بند الف", "پیش‌نویس آیین‌نامه", "متن بخشنامه", "ماده ۳", "این دستورالعمل",
            "ضوابط اجرایی", "ماده ۱۲", "لایحه پیشنهادی", "تبصره ۲ ماده ۵", "سازوکار واگذاری", "سهام عدالت"]
VERBS = ["باعث می‌شود", "نادیده می‌گیرد", "مغایر است با", "هزینه را افزایش می‌دهد برای", "شفاف نیست درباره",
         "حقوق مردم را محدود می‌کند در", "نیاز به بازنگری دارد در", "ابهام ایجاد می‌کند در", "کمک می‌کند به"]
OBJECTS = ["سهامداران خرد", "کارکنان شرکت‌های واگذارشده", "بازنشستگان", "روستاییان", "خریداران بلوک مدیریتی",
           "تعاونی‌های استانی", "دهک‌های پایین درآمدی", "مهلت ۳۰ روزه اعتراض", "قیمت‌گذاری سهام", "هیئت داوری",
           "حق تقدم کارکنان", "پرداخت اقساط ۱۲ ماهه", "سامانه ثبت‌نام", "شرکت‌های زیان‌ده", "گزارش‌های فصلی"]
TAILS = ["و باید اصلاح شود", "لطفاً تجدیدنظر کنید", "پیشنهاد می‌کنم حذف شود", "که قابل قبول نیست",
         "و این خلاف قانون اساسی است", "و باید به مدت ۲ سال تمدید شود", "تا حقوق شهروندی رعایت شود", ""]
NAMES = ["علی رضایی", "زهرا احمدی", "محمد کریمی", "فاطمه موسوی", "حسین نوری", "مریم یزدانی", "رضا کاظمی"]
DIACRITICS = "\u064e\u064f\u0650\u0651\u064b"


WORDS = sorted({w for phrase in SUBJECTS + VERBS + OBJECTS + TAILS + NAMES for w in phrase.split()} | set(
    "مردم دولت سازمان قانون حق شهروند اداره مدیر کارمند پرونده درخواست پاسخ زمان هزینه مالیات بودجه شفافیت نظارت "
    "گزارش جلسه کمیته پیشنهاد انتقاد شکایت اصلاح اجرا ابلاغ تصویب مجلس نماینده دادگاه حکم رای داوری اعتراض مهلت "
    "روز ماه سال هفته قیمت ارزش سهم سود زیان بازار بورس فروش خرید واگذاری خصوصی عمومی استان شهر روستا خانواده "
    "کودک زن مرد جوان پیر کارگر کشاورز معلم پزشک دانشجو بیمه درمان آموزش مسکن اشتغال بیکاری تورم یارانه وام "
    "بانک قسط ضمانت سند ملک زمین آب برق گاز جاده حمل نقل سامانه اینترنت درگاه پیامک تلفن نامه امضا مهر دفتر".split()))


def sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(7, 13))) + "."


def template(rng):
    return [sentence(rng) for _ in range(rng.randint(5, 8))]


def vary(rng, sentences):
    kept = [s for s in sentences if rng.random() > 0.15] or sentences[:1]
    if len(kept) < len(sentences) - 2:
        kept = sentences[: len(sentences) - 2]
    text = " ".join(kept)
    if rng.random() < 0.5:
        text = f"اینجانب {rng.choice(NAMES)} با کد ملی {rng.randint(10**9, 10**10 - 1)} اعلام می‌کنم: " + text
    if rng.random() < 0.3:
        text += f" با تشکر، {rng.choice(NAMES)}"
    if rng.random() < 0.5:
        text = text.replace("ی", "ي").replace("ک", "ك")
    if rng.random() < 0.5:
        text = text.replace("\u200c", " " if rng.random() < 0.5 else "")
    if rng.random() < 0.5:
        text = text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789" if rng.random() < 0.5 else "٠١٢٣٤٥٦٧٨٩"))
    chars = list(text)
    for _ in range(rng.randint(0, 3)):  # diacritics
        pos = rng.randrange(len(chars))
        chars.insert(pos, rng.choice(DIACRITICS))
    for _ in range(rng.randint(0, 2)):  # typos: a dropped or doubled letter
        pos = rng.randrange(len(chars))
        if chars[pos] != " ":
            chars[pos] = "" if rng.random() < 0.5 else chars[pos] * 2
    return "".join(chars)


def generate(n, seed=7):
    rng = random.Random(seed)
    texts, truth = [], []
    singles = n // 6
    sizes = [n // 4, n // 8, n // 10]
    while sum(sizes) < n - singles:
        sizes.append(min(rng.choice([3, 10, 40, 200, 1500]), n - singles - sum(sizes)))
    for label, size in enumerate(sizes):
        base = template(rng)
        for _ in range(size):
            texts.append(vary(rng, base))
            truth.append(f"c{label}")
    for i in range(n - len(texts)):
        texts.append(vary(rng, [sentence(rng) for _ in range(rng.randint(1, 4))]))
        truth.append(f"s{i}")
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [truth[i] for i in order], len(sizes)
