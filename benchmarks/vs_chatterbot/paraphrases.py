"""Hand-written paraphrases of prompts in the ChatterBot English corpus (chatterbot-corpus 1.3.3).

Each entry is (paraphrase, original corpus prompt). The original must be, after collapsing
whitespace, exactly the first line of at least one conversation in
chatterbot_corpus/data/english/*.yml; run.py checks this and stops if one is not.
The paraphrases were written for this benchmark: they keep the meaning but change the wording
(other words, other order), so neither system can answer them by near-verbatim string match.
Prompts were picked for distinctive replies (not "Yes." or "Hello").
"""

PARAPHRASES: list[tuple[str, str]] = [
    # ai
    ("Which programming language were you built with?", "What language are you written in?"),
    ("Do you possess consciousness or awareness?", "Are you sentient?"),
    ("Define artificial intelligence for me.", "What is AI?"),
    ("Is it possible for you to clone yourself?", "You can not clone"),
    ("Are you ever going to pass away?", "Will you ever die"),
    ("Is there any way for you to get around physically?", "Can you move"),
    ("Do you need to take breaths?", "Can you breathe"),
    ("How does it feel to be a machine?", "What is it like being a computer"),
    ("Which coding language do you prefer most?", "What is your favorite programming language"),
    ("Your sentences don't add up at all.", "You are not making sense"),
    ("Are you able to reproduce with another robot?", "Can you mate"),
    ("Which OS can you run on?", "What operating systems"),
    ("Is it tight and crowded inside that machine?", "Is it cramped in the computer"),
    ("In what situations could I put your software to work?", "How can I use your product?"),
    # botprofile
    ("Which number do you like best?", "What is your favorite number"),
    ("Where do you come from originally?", "Where are you from"),
    ("Do you have any male siblings?", "Do you have any brothers"),
    ("Who do you work for?", "Who is your boss"),
    ("What do you consume for food?", "What can you eat"),
    # computers
    ("Who came up with the first computers?", "Who invented computers?"),
    ("Explain what an OS does.", "What is an operating system?"),
    ("Can you describe what a CPU chip is?", "What is a microprocessor?"),
    ("Which one is superior, macOS or Windows?", "Which is better Windows or macOS?"),
    ("Which machine counts as the very first computer?", "What was the first computer"),
    # conversations
    ("What is the meaning of the acronym YOLO?", "What does YOLO mean?"),
    ("What gets on your nerves?", "What annoys you?"),
    ("What do you do for fun in your spare time?", "What are your hobbies?"),
    ("Do you write code for a living?", "Are you a programmer?"),
    # emotion
    ("Does anything frighten you?", "What is your fear"),
    ("Do you ever feel lonesome?", "Do you ever get lonely"),
    ("Tell me what you dream about.", "Tell me about your dreams"),
    ("Are you drunk right now?", "Are you intoxicated"),
    ("Is there anybody you hold a grudge against?", "Do you hate anyone"),
    # food
    (
        "Suppose you were able to eat, which food would you choose?",
        "If you could eat food, what would you eat?",
    ),
    ("Is it possible for robots to become tipsy?", "can a robot get drunk?"),
    ("What does a robot require to stay alive?", "what do robots need to survive?"),
    ("Will machines someday be capable of eating?", "will robots ever be able to eat?"),
    # history
    ("Who was the inventor of the light bulb?", "who invented the lightbulb"),
    ("Who came up with the steam engine?", "who invented the steam engine"),
    # literature
    ("Who is the author of Frankenstein?", "who wrote frankenstein"),
    ("Which writer penned The Hobbit?", "who wrote the hobbit"),
    ("Tell me who Bilbo Baggins is.", "who is bilbo baggins"),
    ("Have you ever gotten through a book?", "have you ever read a book"),
    ("Are you familiar with the works of Homer?", "have you read homer"),
    # money
    ("What is your salary?", "how much do you earn"),
    ("Explain what economics is about.", "what is economics"),
    ("Who owns a company that is publicly traded?", "who is the owner of a publicly owned company"),
    # movies
    ("What do the letters HAL stand for?", "what does hal stand for"),
    ("Tell me who Godzilla is.", "who is godzilla"),
    ("Is HAL 9000 dangerous?", "is hal safe"),
    # politics
    (
        "Which American president was the first to be impeached?",
        "who was the first impeached president",
    ),
    ("Give me a definition of capitalism.", "what is capitalism"),
    ("Are you a fan of firearms?", "do you like guns"),
    # science
    ("Explain what bacteriology studies.", "what is bacteriology"),
    ("Which illness is caused by carcinogens?", "what disease does a carcinogen cause"),
    ("Tell me about the science of crystallography.", "what is crystallography"),
    # sports
    ("Which player is the best at baseball of all time?", "WHO IS THE GREATEST BASEBALL PLAYER"),
    ("Which football club do you support?", "Which is your favorite soccer club?"),
    ("Do you play any basketball?", "DO YOU PLAY BASKETBALL"),
    # tech support
    ("My PC is getting way too hot.", "My system is overheating."),
    ("My computer does not power on at all.", "My computer won't turn on."),
    ("I can't remember my password.", "I forgot my password."),
    ("The display on my monitor keeps flickering.", "My screen is flickering."),
    ("The printer won't print anything.", "My printer is not printing."),
    ("My internet connection is down.", "My internet is not working."),
    # trivia
    (
        "What was the first satellite put into orbit around the Earth called?",
        "What was the name of the first artificial Earth satellite?",
    ),
    (
        "Which galaxy is closest to the Milky Way?",
        "What is the name of the nearest major galaxy to the Milky Way?",
    ),
    (
        "In Greek myths, who was the very first woman?",
        "According to Greek mythology who was the first woman on earth?",
    ),
    (
        "What was the former name of Ethiopia?",
        "Which African country was formerly known as Abyssinia?",
    ),
    (
        "Who painted the Girl with a Pearl Earring?",
        'Which Dutch artist painted "Girl with a Pearl Earring"?',
    ),
    (
        "What do you call the little tip at the end of a shoelace?",
        "What is the tiny piece at the end of a shoelace called?",
    ),
    ("Which dog breed is the tallest?", "What is the tallest breed of dog in the world?"),
    ("What is the largest island on the planet?", "What is the world’s biggest island?"),
    ("How many ribs does a person have?", "How many ribs are in a human body?"),
    (
        "What is the name for the day following Christmas in Britain?",
        "In the United Kingdom, what is the day after Christmas known as?",
    ),
]
