"""The words bench data is written with: plain NHS wording, nothing real, and a writer that
draws names, titles and text from them."""

import random
from collections.abc import Callable


def _phrases(text: str) -> tuple[str, ...]:
    """A word list written as text: its phrases parted by "|" or a new line."""
    return tuple(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())


# Word lists the text is built from: plain NHS wording, nothing real.
FIRST_NAMES = _phrases("""
    Amira | Ben | Chloe | Daniel | Ebony | Farah | George | Hannah | Imran | Jade | Kwame
    Laura | Mohammed | Nadia | Oliver | Priya | Rhys | Sana | Tom | Uzma | Victoria | Wei
    Yusuf | Zoe | Grace | Olu | Sam | Aisha
""")
LAST_NAMES = _phrases("""
    Khan | Patel | Osei | Lewis | Hughes | Rahman | Turner | Adeyemi | Smith | Jones
    Williams | Taylor | Brown | Davies | Evans | Wilson | Thomas | Roberts | Ahmed | Singh
    Begum | Okafor | Nowak | Walsh | Chen | Mensah
""")
JOB_TITLES = _phrases("""
    Head of Equality, Diversity and Inclusion | Service Manager | Clinical Lead
    Deputy Director of Nursing | Head of Patient Experience | Programme Manager
    Associate Director of Strategy | Public Health Consultant | Matron | Transformation Lead
    Head of Commissioning | Quality Improvement Lead
""")
APPROVER_ROLE = "Equality and Inclusion Business Partner"
SERVICE_NAMES = _phrases("""
    Community diabetes clinics | Musculoskeletal physiotherapy | Stroke rehabilitation
    Adult community nursing | Perinatal mental health | Urgent treatment centre | Phlebotomy
    Children's speech and language therapy | Memory assessment | Cardiac rehabilitation
    Sexual health | Falls prevention | Wheelchair services | End of life care
    Outpatient dermatology | Hypertension case-finding | Maternity | Community respiratory
    Early cancer diagnosis | Learning disability liaison
""")
CORE20PLUS5 = {
    "Maternity": "maternity",
    "Perinatal mental health": "smi",
    "Community respiratory": "respiratory",
    "Early cancer diagnosis": "cancer",
    "Hypertension case-finding": "hypertension",
}
CHANGES = _phrases("""
    Redesign of | Relocation of | Extension of | Review of | Consolidation of
    Digital transformation of | Procurement of | Decommissioning of | Expansion of
    Integration of | New opening hours for | New referral criteria for
    Move to a single point of access for
""")
# A title or an action may also end without one of these.
TITLE_TAILS = _phrases("""
    in the north locality | across the city and county | at the community hospital
    in primary care networks | following the winter review | for adults aged 65 and over
    for children and young people | from April | as part of the system recovery plan
    with the voluntary sector | in the most deprived neighbourhoods
""") + ("",)
SUBJECTS = _phrases("""
    The proposal | The new pathway | This service change | The revised policy | The pilot
    The redesigned clinic model | The procurement | The digital front door
    The consolidated rota | The outreach programme | The new referral criteria
""")
EFFECTS = _phrases("""
    will improve access for | may reduce face-to-face appointments for
    is expected to shorten waiting times for | could widen the gap in uptake among
    will change how referrals are made for | is likely to benefit
    may create travel barriers for | will need reasonable adjustments for
    has been co-designed with | will be monitored for its effect on
""")
GROUPS = _phrases("""
    older people | people with a learning disability | autistic people | unpaid carers
    people whose first language is not English | people living in the most deprived quintile
    Gypsy, Roma and Traveller communities | people experiencing homelessness
    pregnant women and new parents | young people leaving care | veterans
    people with severe mental illness | disabled staff | night-shift staff
    people from Black, Asian and minority ethnic communities
    lesbian, gay, bisexual and trans people | people who are digitally excluded
    refugees and people seeking asylum
""")
WHERE = _phrases("""
    across the city | in rural localities | in the north of the county
    at the community hospital | in primary care networks | over the winter months
    during the first year | at evening and weekend clinics
    compared with the last three years | according to local population health data
""")
EVIDENCE = _phrases("""
    Uptake data by ethnicity and deprivation quintile | The 2021 Census
    Patient experience feedback | The health equity audit | The staff survey
    Engagement with the patient panel | Waiting list data | Healthwatch's report
    Local authority public health data | The Core20PLUS5 dashboard
""")
FINDINGS = _phrases("""
    shows lower uptake among | shows longer waits for | shows higher did-not-attend rates for
    suggests good outcomes for | highlights poorer experience reported by
    shows no difference in access for
""")
MITIGATIONS = _phrases("""
    interpreters at every appointment | easy read letters | a text reminder service
    transport support for rural patients | extended opening hours | a named link worker
    outreach clinics in community venues | training for reception staff
    a telephone option alongside the online form
    reasonable adjustments flagged on the patient record
""")
ACTION_TASKS = _phrases("""
    Collect uptake data by ethnicity and deprivation quintile
    Translate patient letters into the five most spoken local languages
    Report progress on the equality actions to the Quality Committee
    Train reception staff in reasonable adjustments
    Agree transport support with the local authority
    Publish the assessment on the public website
    Repeat the engagement with the patient panel
    Audit access by postcode
    Set up an outreach clinic in a community venue
    Review the easy read version with people with a learning disability
    Add a telephone option to the online booking form
    Monitor did-not-attend rates by group
""")
ACTION_TAILS = _phrases("""
    by the end of the quarter | before the service goes live | with the voluntary sector
    for the next board meeting | and share the findings with the system partnership
""") + ("",)
BOARDS = _phrases("""
    Trust Board | ICB Board | Quality Committee | People Committee
    Health Inequalities Committee
""")


class Writer:
    """Plausible NHS names and text from the word lists, drawn with the builder's generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def full_name(self) -> str:
        return " ".join(self.name())

    def _fitted(self, make: Callable[[], str], lo: int, hi: int) -> str:
        """A text from `make` between lo and hi characters long (cut at a word if need be)."""
        for _ in range(20):
            text = make()
            if lo <= len(text) <= hi:
                return text
        return text[:hi].rsplit(" ", 1)[0] if len(text) > hi else text.ljust(lo, ".")

    def title(self, lo: int = 40, hi: int = 100) -> str:
        choice = self.rng.choice

        def make():
            return f"{choice(CHANGES)} {choice(SERVICE_NAMES).lower()} {choice(TITLE_TAILS)}"

        return self._fitted(lambda: make().strip(), lo, hi)

    def action_title(self) -> str:
        choice = self.rng.choice
        return self._fitted(
            lambda: f"{choice(ACTION_TASKS)} {choice(ACTION_TAILS)}".strip(), 30, 120
        )

    def sentence(self) -> str:
        choice = self.rng.choice
        kind = self.rng.random()
        if kind < 0.45:
            return f"{choice(SUBJECTS)} {choice(EFFECTS)} {choice(GROUPS)} {choice(WHERE)}."
        if kind < 0.8:
            return f"{choice(EVIDENCE)} {choice(FINDINGS)} {choice(GROUPS)} {choice(WHERE)}."
        return f"Mitigations include {choice(MITIGATIONS)} and {choice(MITIGATIONS)}."

    def text(self, lo: int, hi: int) -> str:
        """Sentences making between lo and hi characters."""
        target = self.rng.randint(lo, hi)
        parts, size = [], -1
        while size < target:
            parts.append(self.sentence())
            size += len(parts[-1]) + 1
        text = " ".join(parts)
        if len(text) > hi:
            text = text[: hi - 1].rsplit(" ", 1)[0].rstrip(",.") + "."
        return text
