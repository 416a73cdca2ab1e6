"""The words the rules read, in both languages: posts, kinds of organisation, statuses.

Keys are lower-case and accent-folded (:func:`ecokg.text.fold`); matching tries the longest
first, so "executive director" wins over "director".
"""

from __future__ import annotations

import re

from ecokg.loaders.articles.titles import table_titles

#: Role words -> the ontology's role id (president, vice-president, director-general,
#: chief-executive, leader, founder, board-member, member).
ROLES: dict[str, str] = {
    "vice-presidente": "vice-president",
    "vice-president": "vice-president",
    "vice president": "vice-president",
    "executive vice-president": "vice-president",
    "executive vice president": "vice-president",
    "presidente-directrice generale": "chief-executive",
    "president-directeur general": "chief-executive",
    "presidente directrice generale": "chief-executive",
    "president directeur general": "chief-executive",
    "president and ceo": "chief-executive",
    "president & ceo": "chief-executive",
    "ceo and president": "chief-executive",
    "presidente": "president",
    "president": "president",
    "executive chair": "president",
    "chairwoman": "president",
    "chairman": "president",
    "chairperson": "president",
    "chair": "president",
    "directrice generale": "director-general",
    "directeur general": "director-general",
    "director general": "director-general",
    "director-general": "director-general",
    "managing director": "director-general",
    "executive director": "director-general",
    "executive manager": "director-general",
    "general manager": "director-general",
    "delegue general": "director-general",
    "deleguee generale": "director-general",
    "chief operating officer": "leader",
    "chief scientific officer": "leader",
    "chief financial officer": "leader",
    "chief technology officer": "leader",
    "chief medical officer": "leader",
    "chief business officer": "leader",
    "chief commercial officer": "leader",
    "chief strategy officer": "leader",
    "chief innovation officer": "leader",
    "chief marketing officer": "leader",
    "chief development officer": "leader",
    "coo": "leader",
    "cso": "leader",
    "cfo": "leader",
    "cto": "leader",
    "directrice": "leader",
    "directeur": "leader",
    "director": "leader",
    "dirigeante": "leader",
    "dirigeant": "leader",
    "head": "leader",
    "responsable": "leader",
    "pdg": "chief-executive",
    "ceo": "chief-executive",
    "chief executive officer": "chief-executive",
    "chief executive": "chief-executive",
    "fondatrice": "founder",
    "fondateur": "founder",
    "cofondatrice": "founder",
    "cofondateur": "founder",
    "co-fondatrice": "founder",
    "co-fondateur": "founder",
    "co-founder": "founder",
    "cofounder": "founder",
    "founder": "founder",
    # Plural titles shared by coordinated people ("A and B, co-founders of Y"): see PLURAL_ROLES.
    "co-founders": "founder", "cofounders": "founder", "founders": "founder", "fondateurs": "founder",
    "fondatrices": "founder", "cofondateurs": "founder", "cofondatrices": "founder", "co-fondateurs": "founder",
    "co-presidents": "president", "copresidents": "president", "co-chairs": "president",
    "co-directors": "leader", "codirecteurs": "leader", "co-directeurs": "leader", "managing partners": "leader",
    # Officers of an association's board and a small firm's manager: "Trésorière", "Gérant d'Yslab".
    "secretaire generale": "board-member",
    "secretaire general": "board-member",
    "secretary general": "board-member",
    "secretary-general": "board-member",
    "tresoriere": "board-member",
    "tresorier": "board-member",
    "treasurer": "board-member",
    "gerante": "leader",
    "gerant": "leader",
    "administratrice": "board-member",
    "administrateur": "board-member",
    "board member": "board-member",
    # "member of the Executive Board of X" is a seat on its board, not a membership.
    "member of the executive board": "board-member",
    "member of the board": "board-member",
    "membre du conseil d'administration": "board-member",
    "membre du bureau": "board-member",
    "attache": "member",
    "attachee": "member",
    "adviser": "member",
    "advisor": "member",
    "conseillere": "member",
    "conseiller": "member",
    "managing partner": "leader",
    "patronne": "chief-executive",
    "patron": "chief-executive",
    "one of the founders": "founder",
    "one of the co-founders": "founder",
    # "l'un des fondateurs" (a leading "l'" is dropped before a post is read)
    "un des fondateurs": "founder",
    "une des fondatrices": "founder",
    "un des cofondateurs": "founder",
    "une des cofondatrices": "founder",
    "associe gerant": "leader",
    "associee gerante": "leader",
    "general partner": "leader",
    "vice chair": "vice-president",
    "vice-chair": "vice-president",
    "business development manager": "member",
    "manager": "member",
    "delegate": "member",
    "deleguee": "member",
    "delegue": "member",
    "senior director": "leader",
    "vp": "vice-president",
    "membre": "member",
    "member": "member",
    "a la tete": "leader",
    "at the helm": "leader",
    # Round 6: a commissioner heads a commission or an office; staff posts of any body.
    "commissioner": "leader",
    "commissaire": "leader",
    "chargee de mission": "member",
    "charge de mission": "member",
    "chargee d'affaires": "member",
    "charge d'affaires": "member",
    "chef de projet": "member",
    "cheffe de projet": "member",
    "coordinator": "member",
    "coordinatrice": "member",
    "coordinateur": "member",
    "general counsel": "member",
    "chief of staff": "member",
    # Heads of universities and faculties: "Rector of X", "Vice-Chancellor of X", "doyenne de la faculté".
    "rector": "leader", "vice-rector": "member", "vice rector": "member", "recteur": "leader", "rectrice": "leader",
    "vice-recteur": "member", "vice-rectrice": "member", "chancellor": "leader", "vice-chancellor": "leader",
    "vice chancellor": "leader", "provost": "member", "dean": "leader", "doyen": "leader", "doyenne": "leader",
}
# Round 7: co-holders of a post ("codirecteur du CQIB", "co-présidente de l'association"), an executive
# chair ("Biocon executive chairperson"), a project's or a team's leader (a member of the body).
for _co, _role in (("codirecteur", "leader"), ("codirectrice", "leader"), ("co-directeur", "leader"),
                   ("co-directrice", "leader"), ("co-director", "leader"), ("codirector", "leader"),
                   ("copresident", "president"), ("copresidente", "president"), ("co-president", "president"),
                   ("co-presidente", "president"), ("co-chair", "president"), ("co-chairman", "president"),
                   ("co-chairwoman", "president"), ("co-chairperson", "president"), ("co-ceo", "chief-executive"),
                   ("project leader", "member"), ("team leader", "member"), ("group leader", "member"),
                   ("chef d'equipe", "member"), ("cheffe d'equipe", "member")):
    ROLES.setdefault(_co, _role)
for _chair in ("chair", "chairman", "chairwoman", "chairperson"):
    for _qualifier in ("executive", "non-executive"):
        ROLES.setdefault(f"{_qualifier} {_chair}", "president")
# A deputy's, an assistant's or an associate's post (a member of the body, not its head), and a
# post named by its field ("Program Manager", "Trade Commissioner": the same post as without it).
for _base in ("director", "commissioner", "manager", "head", "coordinator"):
    for _qualifier in ("deputy", "assistant", "associate"):
        ROLES[f"{_qualifier} {_base}"] = "member"
        # Round 12: "associate vice president for research at Y", "assistant dean": a member's post there.
        for _upper in ("vice president", "vice-president", "dean", "provost"):
            ROLES.setdefault(f"{_qualifier} {_upper}", "member")
    for _field in ("program", "programme", "project", "research", "sales", "marketing", "communications",
                   "operations", "innovation", "development", "investment", "partnerships", "country", "policy", "trade"):
        ROLES.setdefault(f"{_field} {_base}", ROLES.get(_base, "member"))
    for _field in ("finance", "financial", "scientific", "medical", "technical", "commercial", "legal", "regional"):
        ROLES.setdefault(f"{_field} {_base}", ROLES.get(_base, "member"))
# French puts the field after the post: "directrice financière", "responsable commercial",
# "directeur adjoint" (an adjoint is a member, as a deputy).
for _base in ("directeur", "directrice", "responsable", "delegue", "deleguee", "conseiller", "conseillere"):
    for _field in ("financier", "financiere", "scientifique", "commercial", "commerciale", "technique", "medical",
                   "medicale", "juridique", "marketing", "administratif", "administrative", "operationnel",
                   "operationnelle", "industriel", "industrielle", "strategique", "international", "internationale",
                   "regional", "regionale", "territorial", "territoriale", "export", "innovation", "recherche"):
        ROLES.setdefault(f"{_base} {_field}", ROLES[_base])
    for _field in ("adjoint", "adjointe"):
        ROLES.setdefault(f"{_base} {_field}", "member")
# Round 9: the usual forms the lexicon lacked, each a whole kind of post (abbreviations as written,
# feminine forms, a deputy's "délégué(e)" after the post). Not acronyms that also name bodies: "DGA"
# (Direction générale de l'armement), "CIO" (Comité international olympique).
for _form, _role in (("pd-g", "chief-executive"), ("p-dg", "chief-executive"), ("svp", "vice-president"), ("evp", "vice-president"),
                     ("senior vice president", "vice-president"), ("senior vice-president", "vice-president"),
                     ("cmo", "leader"),
                     ("directeur general delegue", "director-general"), ("directrice generale deleguee", "director-general"),
                     ("directeur general adjoint", "member"), ("directrice generale adjointe", "member"),
                     ("vice-doyen", "member"), ("vice-doyenne", "member"),
                     ("chef de service", "leader"), ("cheffe de service", "leader"),
                     ("haut-commissaire", "leader"), ("haute-commissaire", "leader"),
                     ("supervisor", "leader"), ("executive supervisor", "leader"),
                     ("secretaire generale adjointe", "board-member"), ("secretaire general adjoint", "board-member"),
                     ("vice-presidente deleguee", "vice-president"), ("vice-president delegue", "vice-president"),
                     # a researcher of a body works there ("chercheurs du CERFIG"): a member's post
                     ("chercheur", "member"), ("chercheuse", "member"), ("chercheurs", "member"), ("chercheuses", "member"),
                     ("researcher", "member"), ("researchers", "member")):
    ROLES.setdefault(_form, _role)
# Round 10: the head of a unit of a body ("chef de division des laboratoires au Ministère", "head of
# unit") holds a post at the body, not at its head.
for _form, _role in (("chef de division", "member"), ("cheffe de division", "member"), ("chef de departement", "member"),
                     ("cheffe de departement", "member"), ("chef de bureau", "member"), ("cheffe de bureau", "member"),
                     ("chef d'unite", "member"), ("cheffe d'unite", "member"), ("head of unit", "member")):
    ROLES.setdefault(_form, _role)
# Round 13: a government's junior office-holders, whose post is at the ministry the title names
# ("Undersecretary of State at the Ministry of Economy", "Minister of State in the Ministry of ...",
# "secrétaire d'Etat auprès du ministère ..."), and an association's secretary, an officer of its
# board as its treasurer ("secrétaire de la Fondation Y").
for _form, _role in (("undersecretary of state", "member"), ("under-secretary of state", "member"),
                     ("under secretary of state", "member"), ("undersecretary", "member"), ("under-secretary", "member"),
                     ("secretary of state", "member"), ("state secretary", "member"), ("minister of state", "member"),
                     ("secretaire d'etat", "member"), ("sous-secretaire d'etat", "member"),
                     ("secretary", "board-member"), ("secretaire", "board-member")):
    ROLES.setdefault(_form, _role)
# Round 15: the packaged table of titles (titles.tsv: outside knowledge, with their modifiers); the
# lexicon's own entries above keep their roles.
for _form, _role in table_titles():
    ROLES.setdefault(_form, _role)
ROLE_KEYS = sorted(ROLES, key=len, reverse=True)
#: Titles in the plural: the post of every person they are given to ("A and B, co-founders of Y").
PLURAL_ROLES = re.compile(r"(?<![\w-])(?:co-?founders|founders|(?:co-?)?fondat(?:eurs|rices)|co-?presidents|co-chairs|"
                          r"co-?directors|co-?directeurs|managing partners|chercheurs|chercheuses|researchers)(?![\w-])")
#: A role word anywhere in a phrase (for "BIOQuébec Executive Director Anie Perrault").
ROLE_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in ROLE_KEYS) + r")(?![\w-])")

#: Words that name the kind of an organisation, and the class they imply.
ORG_HEADS: dict[str, str] = {
    "agence": "EconomicDevelopmentAgency",
    "agency": "EconomicDevelopmentAgency",
    "development corporation": "EconomicDevelopmentAgency",
    "development international": "EconomicDevelopmentAgency",
    "innopole": "EconomicDevelopmentAgency",
    "region": "RegionalAuthority",
    "departement": "RegionalAuthority",
    "regional council": "RegionalAuthority",
    "conseil regional": "RegionalAuthority",
    "universite": "ResearchOrganization",
    "university": "ResearchOrganization",
    "institut": "ResearchOrganization",
    "institute": "ResearchOrganization",
    "innovation centre": "ResearchOrganization",
    "innovation center": "ResearchOrganization",
    "centre": "ResearchOrganization",
    "center": "ResearchOrganization",
    "pole": "Cluster",
    "technopole": "Cluster",
    "cluster": "Cluster",
    "hub": "Cluster",
    "alliance": "Organization",
    "association": "Organization",
    "fondation": "Organization",
    "foundation": "Organization",
    "hospices": "Organization",
    "corporation": "Company",
    "inc": "Company",
    "ltd": "Company",
    "group": "Company",
    "groupe": "Company",
    "therapeutics": "Company",
    "biosciences": "Company",
    "biosolutions": "Company",
    "biologics": "Company",
    "pharma": "Company",
    "labs": "Company",
    "council": "Organization",
    "sante": "Organization",
    "office": "PublicAuthority",
    "government": "PublicAuthority",
    "gouvernement": "PublicAuthority",
    "ministry": "PublicAuthority",
    "ministere": "PublicAuthority",
    "department of": "PublicAuthority",
    "hospital": "ResearchOrganization",
    "hopital": "ResearchOrganization",
    "unite mixte": "ResearchOrganization",  # a French joint research unit (UMR)
    "college": "ResearchOrganization",
    "school": "ResearchOrganization",
    "ecole": "ResearchOrganization",
    "clinic": "ResearchOrganization",
    "laboratoire": "ResearchOrganization",
    "laboratories": "Company",
    "pharmaceuticals": "Company",
    "studio": "Company",
    # Legal forms of companies, in several countries.
    "gmbh": "Company", "ag": "Company", "nv": "Company", "bv": "Company", "oy": "Company", "oyj": "Company",
    "ab": "Company", "plc": "Company", "llc": "Company", "corp": "Company", "sarl": "Company", "sas": "Company",
    "spa": "Company", "srl": "Company", "a/s": "Company", "asa": "Company", "kk": "Company", "pty": "Company",
    # Universities, institutes, hospitals and foundations in other languages.
    "universitat": "ResearchOrganization", "universiteit": "ResearchOrganization", "universidad": "ResearchOrganization",
    "universita": "ResearchOrganization", "universitet": "ResearchOrganization", "hochschule": "ResearchOrganization",
    "institutet": "ResearchOrganization", "instituto": "ResearchOrganization", "istituto": "ResearchOrganization",
    "instituut": "ResearchOrganization", "klinikum": "ResearchOrganization", "hospital universitario": "ResearchOrganization",
    "stiftung": "Organization", "fundacion": "Organization", "fondazione": "Organization", "stichting": "Organization",
    "gesellschaft": "Organization",
    "diagnostics": "Company",
    "biotech": "Company",
    "ventures": "Company",
    "systems": "Company",
    "lab": "Company",
    "communaute d'agglomeration": "PublicAuthority",
    # a body of several members: "Communauté de travail des X", "Groupement d'intérêt public Y"
    "communaute": "Organization",
    "groupement": "Organization",
    "technology park": "Cluster", "science park": "Cluster", "research park": "Cluster",
    "parc technologique": "Cluster", "parc scientifique": "Cluster",
    "communaute de communes": "PublicAuthority",
    "communaute urbaine": "PublicAuthority",
    "metropole": "PublicAuthority",
    "chamber of commerce": "Organization",
    "chambre de commerce": "Organization",
    "enterprise": "Organization",
    "authority": "PublicAuthority",
}

#: Last words that make a name a company's, not a person's: "Corvine Bio", "Arvo Pharma".
COMPANY_ENDINGS = {
    "bio", "biotech", "pharma", "medical", "medtech", "health", "sante", "tech", "genetics", "genomics",
    "therapeutics", "diagnostics", "biosciences", "biologics", "robotics", "devices", "solutions", "labs",
    "lab", "venture", "ventures", "partners", "capital", "holding", "holdings", "industries", "international",
}

#: Lower-case words before a name: "le cluster BioForward", "the company Gilson".
ORG_CUES: dict[str, str] = {
    "agence": "EconomicDevelopmentAgency",
    "cluster": "Cluster",
    "pole de competitivite": "Cluster",
    "pole": "Cluster",
    "grappe": "Cluster",
    "entreprise": "Company",
    "societe": "Company",
    "start-up": "Company",
    "startup": "Company",
    "laboratoire": "ResearchOrganization",
    "company": "Company",
    "firm": "Company",
    "biotech": "Company",
    "groupe": "Company",
    "group": "Company",
    "l'aixoise": "Company",
    "la californienne": "Company",
}

#: Plural nouns that announce a list of organisations ("four ... businesses: A, B, C and D").
ORG_LISTS = re.compile(
    r"\b(?:companies|businesses|firms|organi[sz]ations|clusters|partners|members|institutions|"
    r"hospitals|universities|agencies|entreprises|societes|start-ups|start-up|startups|poles(?: de competitivite)?(?: sante)?|"
    r"partenaires|membres|etablissements|agences|universites)\b"
    r"[^:.;]{0,60}?(?::|\bincluding\b|\bsuch as\b|\binclude\b|\bincludes\b|\bdont\b|\bnotamment\b|\bfigurent\b|\bcomprennent\b|"
    r",\s+(?:with|along with|alongside|avec|aux cotes de|comme)\b)\s*"
    # "les deux clusters, Nordev et BioSud, ...": a counted plural, then its names
    r"|\b(?:two|both|three|four|five|deux|trois|quatre|cinq|les|the)\s+(?:\w+\s+)?(?:companies|firms|organi[sz]ations|"
    r"clusters|partners|institutions|agencies|entreprises|societes|poles|partenaires|agences|universites|universities),\s+"
)

#: Words written with a capital that are not names at the start of a sequence.
NOT_NAMES = {
    "le", "la", "les", "un", "une", "des", "du", "de", "en", "au", "aux", "cette", "ce", "ces",
    "the", "a", "an", "this", "these", "in", "on", "at", "for", "with", "from", "during",
    "vers", "promouvoir", "renforcer", "fort", "suite", "lors", "by", "through", "both", "our",
    "grand", "grande", "nouvelle", "haute", "haut", "basse", "bas", "saint", "sainte", "new", "north", "south",
    "professor", "professeur", "dr", "mr", "mrs", "ms", "m", "mme", "premier", "minister", "ministre",
    "sir", "dame", "governor", "senator", "president", "presidente", "prof", "pr", "vice", "deputy",
}

#: Honorifics dropped from people's names.
HONORIFICS = re.compile(
    r"^(?:(?:Professor|Professeur|Prof\.?|Pr\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|MM\.|M\.|Mme|Sir|Dame|Premier|Minister|Ministre|Vice|Deputy|"
    r"Governor|Gouverneur|Gouverneure|Mayor|Senator|Sénateur|Sénatrice|Congressman|Congresswoman|"
    # round 13: a lawyer's style in French ("Me X", Maître), titles of the Muslim world and West Africa
    r"Me|Maître|Imam|El Hadji?|Elhadji?|Alhaji|Alhaja|"
    # round 14: styles of ministers and envoys ("The Honorable X", "His Excellency X")
    r"Honorable|Honourable|Hon\.|Excellency)\s+)+"
)

#: Organisation names a model tags that are documents, events or parts of an organisation.
NOT_ORGS = {
    "mou", "pe", "memorandum of understanding", "memorandum", "protocole d'entente", "business wire",
    "conseil", "conseil d'administration", "board of directors", "board", "assemblee generale",
    "life sciences", "sciences de la vie", "ceo", "pdg", "press release", "photo credit",
    "r&d", "pme", "eti", "healthtech", "medtech", "biotech", "covid", "etat", "l'etat",
    "covid-19", "sars-cov-2",
    # Kinds of firm by size or stage, not names: "160 TPE/PME", "SMEs".
    "prnewswire", "pr newswire", "globe newswire", "cnw", "ein presswire", "accesswire", "newsfile",
    "tpe", "tpe/pme", "pme/eti", "tpe-pme", "sme", "smes", "pmi", "startups", "start-ups", "scale-ups",
    # Degrees and the social networks a release ends with ("Follow us on LinkedIn"): never actors.
    "m.d", "m.d.", "ph.d", "ph.d.", "phd", "mba", "linkedin", "twitter", "facebook", "youtube", "instagram",
    # A sovereign's style ("conseiller de SM le Roi", "HRH the Prince"): a title, not a body.
    "sm", "s.m", "s.m.", "hm", "h.m", "h.m.", "hrh", "sar", "s.a.r", "s.a.r.",
}

#: Nationality adjectives (folded, both languages, masculine and feminine) -> the country's
#: name in English and in French.
DEMONYMS: dict[str, tuple[str, str]] = {}
for _words, _en, _fr in (
    ("american americain americaine americains americaines", "United States", "États-Unis"),
    ("canadian canadien canadienne", "Canada", "Canada"),
    ("french francais francaise", "France", "France"),
    ("german allemand allemande", "Germany", "Allemagne"),
    ("swiss suisse", "Switzerland", "Suisse"),
    ("british britannique", "United Kingdom", "Royaume-Uni"),
    ("belgian belge", "Belgium", "Belgique"),
    ("dutch neerlandais neerlandaise", "Netherlands", "Pays-Bas"),
    ("danish danois danoise", "Denmark", "Danemark"),
    ("swedish suedois suedoise", "Sweden", "Suède"),
    ("spanish espagnol espagnole", "Spain", "Espagne"),
    ("italian italien italienne", "Italy", "Italie"),
    ("japanese japonais japonaise", "Japan", "Japon"),
    ("chinese chinois chinoise", "China", "Chine"),
    ("korean coreen coreenne", "South Korea", "Corée du Sud"),
    ("indian indien indienne", "India", "Inde"),
    ("irish irlandais irlandaise", "Ireland", "Irlande"),
    ("israeli israelien israelienne", "Israel", "Israël"),
):
    for _word in _words.split():
        DEMONYMS[_word] = (_en, _fr)

#: Status of an agreement or event from its verb: the most specific match wins (in order).
STATUS_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("cancelled", re.compile(r"\b(?:cancel+ed|called off|annulee?s?|a ete annule)\b")),
    ("postponed", re.compile(r"\b(?:postponed|delayed|reportee?s?|repoussee?s?)\b")),
    ("planned", re.compile(
        r"\b(?:(?:will|shall|plans? to|intends? to|is to|are to|is going to|are going to|(?:is|are) (?:expected|set|due) to|"
        r"devrait|devraient|doit|doivent)\s+(?:\w+\s+)?(?:sign|signer|be signed|formali[sz]e|"
        r"conclude|visit|meet|travel|take place|occur|hold|be held|open|launch|lead|host|merge)|is scheduled|are scheduled|"
        r"upcoming|the programme includes|the program includes|"
        r"signera|signeront|visitera|visiteront|rencontrera|rencontreront|se rendra|se rendront|se tiendra|"
        r"aura lieu|auront lieu|sera signee?|seront signee?s|est prevue?|sont prevue?s|prevoit|prevoient|"
        r"va (?:signer|ouvrir|visiter|rencontrer|fusionner)|vont (?:signer|ouvrir|visiter|rencontrer|fusionner)|fusionnera|fusionneront|"
        r"will organi[sz]e|organisera|organiseront|accueillera|accueilleront|"
        r"implantera|ouvrira|le programme (?:inclut|comprend))\b"
    )),
    ("signed", re.compile(
        r"\b(?:signed|ratified|concluded|entered(?: into)?|agreed to|renewed|have signed|has signed|"
        r"signing of|a signe|ont signe|signee?s?|ont noue|a noue|ont conclu|a conclu|ont paraphe|"
        r"renouvele|renouvelle|signent|partnered|teamed up|joined forces|s'allient|s'associent|unissent leurs forces|"
        r"merged|ont fusionne|a fusionne|formed|inked|sealed|struck|formali[sz]ed|ont officialise|a officialise|officialisent|"
        r"ont convenu|conviennent|"
        # Past forms of sealing and initialling ("ont scellé", "a paraphé", "a été noué").
        r"a scelle|ont scelle|a paraphe|ont paraphe|paraphee?s?|nouee?s?|a ete noue|a ete conclue?)\b"
    )),
    ("happened", re.compile(
        r"\b(?:met|visited|toured|took place|was held|were held|held|hosted|attended|travelled|traveled|"
        r"s'est tenue?|se sont tenue?s|s'est deroulee?|se sont deroulee?s|a eu lieu|ont eu lieu|"
        r"a visite|ont visite|a rencontre|ont rencontre|s'est rendue?|se sont rendue?s|en visite|opened|inaugurated|"
        r"a ouvert|ont ouvert|a inaugure|ont inaugure|s'est implantee?|se sont implantee?s)\b"
    )),
]


def status_of(folded_sentence: str, default: str = "reported") -> str:
    """The status a sentence gives its event or agreement ("will sign": planned; "signed": signed)."""
    for status, pattern in STATUS_CUES:
        if pattern.search(folded_sentence):
            return status
    return default
