"""The lessons: one module each, named as its notebooks are (``04_village_classes.ipynb`` →
``nepcourse.lessons.village_classes``), holding its charts, widgets and self-checks.

``LESSONS`` is the course's registry (see ``nepcourse.registry``): adding a lesson starts with a line here.
Chapter ids are those of ``nepcourse.data.CHAPTER_NAMES``; the Preface goes with lesson 01.
"""

from ..registry import Lesson

LESSONS = (
    Lesson("00", "course_guide", "Course guide: how to use this course", ("front",), reads_shared_whole=True),
    Lesson(
        "01",
        "introduction",
        "The Introduction: what the NEP was, what it achieved, and the grain crisis of 1927–1928",
        ("preface", "intro"),
    ),
    Lesson(
        "02",
        "money_and_finance",
        "Money and finance under the NEP: the chervonets, the budget, and the loss of control",
        ("1.0", "1.1"),
    ),
    Lesson("03", "planning", "Planning under the NEP: the VSNKh, Gosplan, Osvok and the control figures", ("1.2",)),
    Lesson(
        "04",
        "village_classes",
        "The village under the NEP: classes, the grain market and the procurement crisis",
        ("2.0", "2.1"),
    ),
    Lesson(
        "05",
        "price_scissors",
        "The price scissors: what the peasants sold, what they could buy, and who caused the goods famine",
        ("2.2",),
    ),
    Lesson(
        "06",
        "rural_party_and_soviets",
        "The Party and the soviets in the village: rural politics under the NEP",
        ("2.3",),
    ),
    Lesson(
        "07",
        "industry_costs_and_inflation",
        "Costs, profits and inflation: the contradictions of state industry, 1925–1929",
        ("3.0", "3.1"),
    ),
    Lesson(
        "08",
        "private_and_state_sectors",
        "The private sector squeezed: ownership in industry and trade, and the retreat from the NEP after 1926",
        ("3.2",),
    ),
    Lesson(
        "09",
        "inside_the_factory",
        "Inside the state factory: management, norms, piece rates, the wage ladder and emulation",
        ("3.3",),
    ),
    Lesson(
        "10",
        "khozraschet_and_the_plan",
        "Khozraschet and the plan: trusts, syndicates and the place of profit in state industry",
        ("3.4",),
    ),
    Lesson(
        "11",
        "price_wages_and_unemployment",
        "Price, wages and unemployment: how the jobless were counted and what the categories meant",
        ("3.5",),
    ),
    Lesson(
        "12",
        "party_and_unions",
        "The Party, the trade unions and the working class: membership, composition, disputes and strikes",
        ("3.6",),
    ),
    Lesson(
        "13",
        "worker_peasant_alliance",
        "The fight for the worker-peasant alliance: the Party's congresses and oppositions, 1923–1927",
        ("4.0", "4.1"),
    ),
    Lesson(
        "14",
        "rapid_industrialization",
        "The fight for rapid industrialization: plan variants, the grain crisis of 1929, collectivization "
        "and the defeat of the Right",
        ("4.2",),
    ),
    Lesson(
        "15",
        "ideological_formation",
        "The Bolshevik ideological formation and its transformations: the productive forces, the Party and the "
        "'revolution from above'",
        ("4.3",),
    ),
    Lesson(
        "16",
        "great_change",
        "The 'great change' and the course's close: four explanations, the book's reception, and its thesis "
        "against the course's numbers",
        ("5",),
    ),
)
